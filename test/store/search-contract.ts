import { describe, expect, it } from "vitest";
import { type FoundMessage, matchMarks } from "../../src/store/records.ts";
import type { Store } from "../../src/store/store.ts";

/** Search's part of the store contract (contract.ts runs it on every adapter). */
export function searchContract(fresh: () => Promise<Store>) {
  const people = async () => {
    const store = await fresh();
    const ada = await store.users.create("ada", "hash");
    const bob = await store.users.create("bob", "hash");
    if (!ada || !bob) throw new Error("no user");
    const room = async (slug: string, visibility: "public" | "private" = "public") => {
      const made = await store.rooms.create({ name: slug, slug, topic: "", createdBy: ada.id, visibility });
      if (!made) throw new Error("no room");
      return made;
    };
    const say = async (roomId: number, body: string, author = ada) =>
      (await store.messages.insert(roomId, author, body)).message.id;
    return { store, ada, bob, room, say };
  };
  const shown = (found: FoundMessage[]) =>
    found.map((m) => m.highlighted.replaceAll(matchMarks.start, "[").replaceAll(matchMarks.end, "]"));

  describe("search", () => {
    it("finds the messages holding every word, newest first, in the rooms the reader is a member of", async () => {
      const { store, ada, bob, room, say } = await people();
      const lobby = await room("lobby");
      const secret = await room("secret", "private");
      const elsewhere = await room("elsewhere");
      await store.rooms.join(lobby.id, bob.id);
      await store.rooms.join(secret.id, ada.id);
      const first = await say(lobby.id, "The Harbour opens at noon");
      await say(lobby.id, "nothing to see");
      const second = await say(lobby.id, "harbour noon? NOON harbour!");
      await say(secret.id, "the harbour at noon, privately");
      await say(elsewhere.id, "harbour noon in a room bob never joined");

      const found = await store.search.messages({ words: ["harbour", "Noon"], readerId: bob.id, limit: 10 });
      expect(found.map((m) => m.id)).toEqual([second, first]);
      expect(shown(found)).toEqual(["[harbour] [noon]? [NOON] [harbour]!", "The [Harbour] opens at [noon]"]);
      expect(found[0]).toMatchObject({
        body: "harbour noon? NOON harbour!",
        author: { username: "ada" },
        room: { id: lobby.id, slug: "lobby", name: "lobby", visibility: "public" },
      });
      // Ada reads the private room too; nobody finds a word that is not there.
      expect(await store.search.messages({ words: ["privately"], readerId: ada.id, limit: 10 })).toHaveLength(1);
      expect(await store.search.messages({ words: ["privately"], readerId: bob.id, limit: 10 })).toEqual([]);
      expect(await store.search.messages({ words: ["harb"], readerId: bob.id, limit: 10 })).toEqual([]);
    });

    it("looks in one room when asked, member or not", async () => {
      const { store, bob, room, say } = await people();
      const lobby = await room("lobby");
      const other = await room("other");
      await store.rooms.join(other.id, bob.id);
      const id = await say(lobby.id, "kites fly");
      await say(other.id, "kites sink");
      const found = await store.search.messages({ words: ["kites"], readerId: bob.id, roomId: lobby.id, limit: 10 });
      expect(found.map((m) => m.id)).toEqual([id]);
    });

    it("never finds a deleted message, and finds an edited one by its new words only", async () => {
      const { store, ada, room, say } = await people();
      const lobby = await room("lobby");
      await store.rooms.join(lobby.id, ada.id);
      const gone = await say(lobby.id, "a secret plan");
      const edited = await say(lobby.id, "the old wording");
      await store.messages.remove(lobby.id, gone, new Date());
      await store.messages.edit(lobby.id, edited, "the new phrasing", new Date());
      const search = (word: string) => store.search.messages({ words: [word], readerId: ada.id, limit: 10 });
      expect(await search("plan")).toEqual([]);
      expect(await search("old")).toEqual([]);
      expect((await search("phrasing")).map((m) => [m.id, m.body, m.editedAt !== null])).toEqual([
        [edited, "the new phrasing", true],
      ]);
      // A second edit moves the words on again.
      await store.messages.edit(lobby.id, edited, "third time", new Date());
      expect(await search("phrasing")).toEqual([]);
      expect(await search("third")).toHaveLength(1);
    });

    it("pages newest first with before and limit, and reads words that are query syntax as words", async () => {
      const { store, ada, room, say } = await people();
      const lobby = await room("lobby");
      await store.rooms.join(lobby.id, ada.id);
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push(await say(lobby.id, `tide ${i} OR NEAR AND NOT`));
      const page = (before?: number) => store.search.messages({ words: ["tide"], readerId: ada.id, before, limit: 2 });
      const first = await page();
      expect(first.map((m) => m.id)).toEqual([ids[4], ids[3]]);
      const second = await page(first.at(-1)?.id);
      expect(second.map((m) => m.id)).toEqual([ids[2], ids[1]]);
      expect((await page(ids[1])).map((m) => m.id)).toEqual([ids[0]]);
      for (const word of ["OR", "near", "NOT", "and"]) {
        expect(await store.search.messages({ words: ["tide", word], readerId: ada.id, limit: 10 })).toHaveLength(5);
        expect(await store.search.messages({ words: ["tide", word, "absent"], readerId: ada.id, limit: 10 })).toEqual(
          [],
        );
      }
    });

    it("forgets the words of a deleted room's messages", async () => {
      const { store, ada, room, say } = await people();
      const lobby = await room("lobby");
      await store.rooms.join(lobby.id, ada.id);
      await say(lobby.id, "lighthouse");
      await store.rooms.delete(lobby.id);
      const again = await room("again");
      await store.rooms.join(again.id, ada.id);
      expect(await store.search.messages({ words: ["lighthouse"], readerId: ada.id, limit: 10 })).toEqual([]);
      expect(
        await store.search.messages({ words: ["lighthouse"], readerId: ada.id, roomId: again.id, limit: 10 }),
      ).toEqual([]);
    });
  });
}
