import { z } from "zod";
import { hasHiddenCharacters } from "../accounts/hidden-characters.ts";
import { profileRules } from "../accounts/profile-rules.ts";

/** A guest's nickname follows the display name's rules: it is shown where a display name is. */
export const nicknameSchema = z
  .string("Pick a nickname.")
  .transform((name) => name.trim())
  .refine((name) => name.length > 0, "Pick a nickname.")
  .refine((name) => !/[\p{Cc}\u2028\u2029]/u.test(name), "A nickname is one line of text.")
  .refine((name) => !hasHiddenCharacters(name), "A nickname cannot hold invisible or text-direction characters.")
  .refine(
    (name) => name.length <= profileRules.displayName.max,
    `Nicknames are at most ${profileRules.displayName.max} characters.`,
  );
