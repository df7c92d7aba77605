import type { User } from "../store/records.ts";
import type { UserQueries } from "../store/store.ts";
import { drawUsername, stemOf } from "./drawn-usernames.ts";

/** A person as a host app names them (the kit's identify). */
export interface HostPerson {
  id: string;
  name: string;
  avatarUrl?: string | null;
}

/** How many people this instance remembers between requests (most recent kept). */
const remembered = 10_000;

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const unprintable = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** A display name within the profile rules: one line, 1–64 characters; the id when nothing is left. */
const shownName = (person: HostPerson) => {
  const name = String(person.name ?? "")
    .replace(unprintable, " ")
    .replace(/\s+/g, " ")
    .trim();
  return Array.from(name || person.id)
    .slice(0, 64)
    .join("");
};

/**
 * A picture's address as pages may show it: https, or a path on the host's own site; anything
 * else (javascript:, data:, plain http on the open web) is no picture at all.
 */
const shownPicture = (url: unknown): string | null => {
  if (typeof url !== "string" || url.length > 2048) return null;
  if (url.startsWith("/") && !url.startsWith("//") && !/[\\\s]/.test(url)) return url;
  try {
    return new URL(url).protocol === "https:" ? url : null;
  } catch {
    return null;
  }
};

const pictureOf = (user: User) => (user.avatar && "url" in user.avatar ? user.avatar.url : null);

/**
 * The Parley users of a host app's people: one per host id (kind "external", keyed
 * `host:<id>`), their name and picture kept as the host says them. A request reads memory alone unless the
 * person is new here or their name changed; `renamed` hears of a change (live pages show it).
 */
export function hostPeople(users: Pick<UserQueries, "createEmbedded">, renamed: (user: User) => void = () => {}) {
  const known = new Map<string, User>();
  const hostIds = new Map<number, string>();

  const remember = (id: string, user: User) => {
    known.delete(id);
    known.set(id, user);
    hostIds.set(user.id, id);
    if (known.size <= remembered) return;
    const [oldest, gone] = known.entries().next().value as [string, User];
    known.delete(oldest);
    hostIds.delete(gone.id);
  };

  return {
    async userOf(person: HostPerson): Promise<User> {
      if (typeof person?.id !== "string" || person.id === "" || person.id.length > 200) {
        throw new TypeError("identify() must return { id, name } with id a string of 1–200 characters, or null");
      }
      const name = shownName(person);
      const avatarUrl = shownPicture(person.avatarUrl);
      const before = known.get(person.id);
      if (before?.displayName === name && pictureOf(before) === avatarUrl) return before;
      const user = await drawUsername(
        (username) =>
          users.createEmbedded({
            username,
            displayName: name,
            avatarUrl,
            kind: "external",
            externalId: `host:${person.id}`,
          }),
        stemOf(name) || "member",
      );
      remember(person.id, user);
      if (before) renamed(user);
      return user;
    },
    /** The host's id for a Parley user seen here lately; null for Parley's own people. */
    hostIdOf(userId: number): string | null {
      return hostIds.get(userId) ?? null;
    },
  };
}
