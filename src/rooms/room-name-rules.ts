export const roomNameRules = { min: 1, max: 64 };

/** A room's topic: one line under its name. */
export const roomTopicRules = { max: 200 };

const maxSlugLength = 48;

/** A URL-safe, readable slug: "Café Talk!" → "cafe-talk". */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, maxSlugLength)
    .replace(/^-+|-+$/g, "");
  return slug || "room";
}

/** Slugs to try in order when the plain one is taken: name, name-2, name-3, … */
export function* slugCandidates(name: string): Generator<string> {
  const base = slugify(name);
  yield base;
  for (let n = 2; ; n++) yield `${base}-${n}`;
}
