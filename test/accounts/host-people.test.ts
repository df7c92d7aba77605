import { describe, expect, it } from "vitest";
import { hostPeople } from "../../src/accounts/host-people.ts";
import { openSqlite } from "../../src/store/drivers/node.ts";
import type { User } from "../../src/store/records.ts";

/** A host app's people as Parley users (the kit's identify), over a real SQLite store. */
describe("host people", () => {
  const setup = async () => {
    const store = await openSqlite(":memory:");
    let writes = 0;
    const users = {
      createEmbedded: (person: Parameters<typeof store.users.createEmbedded>[0]) => {
        writes++;
        return store.users.createEmbedded(person);
      },
    };
    const renamed: User[] = [];
    return { store, people: hostPeople(users, (user) => renamed.push(user)), writes: () => writes, renamed };
  };

  it("makes one user per host id, with a username drawn from the name", async () => {
    const { people, store } = await setup();
    const ada = await people.userOf({ id: "42", name: "Ada Lovelace" });
    expect(ada).toMatchObject({ displayName: "Ada Lovelace", kind: "external" });
    expect(ada.username).toMatch(/^ada-lovelace-[a-z0-9]{6}$/);
    expect(people.hostIdOf(ada.id)).toBe("42");
    expect((await store.users.findById(ada.id))?.displayName).toBe("Ada Lovelace");
  });

  it("reads memory alone for a person it knows, and writes again only when the host changes them", async () => {
    const { people, writes, renamed } = await setup();
    const first = await people.userOf({ id: "7", name: "Bob" });
    await people.userOf({ id: "7", name: "Bob" });
    expect(writes()).toBe(1);
    const again = await people.userOf({ id: "7", name: "Robert", avatarUrl: "https://pics.example/7.png" });
    expect(writes()).toBe(2);
    expect(again).toMatchObject({ id: first.id, username: first.username, displayName: "Robert" });
    expect(again.avatar).toEqual({ url: "https://pics.example/7.png" });
    expect(renamed.map((user) => user.displayName)).toEqual(["Robert"]);
  });

  it("keeps the same user across instances (a second memory finds the stored one)", async () => {
    const { store, people } = await setup();
    const here = await people.userOf({ id: "9", name: "Cy" });
    const elsewhere = hostPeople(store.users);
    expect((await elsewhere.userOf({ id: "9", name: "Cy" })).id).toBe(here.id);
  });

  it("shows only pictures a page may load: https, or a path on the host's own site", async () => {
    const { people } = await setup();
    const shown = async (avatarUrl: string) => (await people.userOf({ id: avatarUrl, name: "P", avatarUrl })).avatar;
    expect(await shown("/avatars/p.png")).toEqual({ url: "/avatars/p.png" });
    expect(await shown("https://cdn.example/p.png")).toEqual({ url: "https://cdn.example/p.png" });
    for (const bad of [
      "javascript:alert(1)",
      "data:image/png;base64,AAAA",
      "http://cdn.example/p.png",
      "//evil.example/p.png",
    ])
      expect(await shown(bad), bad).toBeNull();
  });

  it("keeps names to one line of at most 64 characters, and falls back to the id", async () => {
    const { people } = await setup();
    expect((await people.userOf({ id: "a", name: "Line one\nline two\u0007" })).displayName).toBe("Line one line two");
    expect((await people.userOf({ id: "b", name: "x".repeat(100) })).displayName).toHaveLength(64);
    expect((await people.userOf({ id: "c", name: "   " })).displayName).toBe("c");
  });

  it("refuses a person without an id: the host's identify has a bug to fix", async () => {
    const { people } = await setup();
    await expect(people.userOf({ id: "", name: "Nobody" })).rejects.toThrow(/identify\(\) must return/);
  });
});
