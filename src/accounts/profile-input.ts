import { z } from "zod";
import { hasHiddenCharacters } from "./hidden-characters.ts";
import { profileRules } from "./profile-rules.ts";

const field = z.string("Send the form as the page shows it.").default("");

/**
 * The profile form's text fields: a blank display name is none (null), a bio keeps its line
 * breaks (as \n). Lengths count UTF-16 units, as the inputs' `maxlength` does.
 */
export const profileSchema = z.object({
  display_name: field
    .transform((name) => name.trim())
    .refine((name) => !/[\p{Cc}\u2028\u2029]/u.test(name), "A display name is one line of text.")
    .refine((name) => !hasHiddenCharacters(name), "A display name cannot hold invisible or text-direction characters.")
    .refine(
      (name) => name.length <= profileRules.displayName.max,
      `Display names are at most ${profileRules.displayName.max} characters.`,
    )
    .transform((name) => name || null),
  bio: field
    .transform((bio) => bio.replace(/\r\n?/g, "\n").trim())
    .refine((bio) => bio.length <= profileRules.bio.max, `A bio is at most ${profileRules.bio.max} characters.`),
});

/**
 * The fields as typed, to show them again on the form after an error (the file is not kept).
 * Forms send a line break as CRLF; the textarea holds it as one, so the count of characters used agrees.
 */
export const typedProfile = (body: Record<string, unknown>) => ({
  displayName: typeof body.display_name === "string" ? body.display_name : "",
  bio: typeof body.bio === "string" ? body.bio.replace(/\r\n?/g, "\n") : "",
});
