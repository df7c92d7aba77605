import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openSqlite } from "../../src/store/drivers/node.ts";
import type { Store } from "../../src/store/store.ts";

/**
 * Places in a room (`seq`) on SQLite, where each connection remembers the places it wrote: two
 * instances sharing one file must still never take the same number, nor skip one.
 */
describe("places in a room, with two instances on one SQLite file", () => {
  const folder = mkdtempSync(join(tmpdir(), "parley-places-"));
  const opened: Store[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("number the room 1, 2, 3… whichever instance writes, turn by turn or in bursts", async () => {
    const path = join(folder, "parley.db");
    const a = await openSqlite(path);
    opened.push(a);
    const b = await openSqlite(path);
    opened.push(b);
    const ada = await a.users.create("ada", "x");
    const room = ada && (await a.rooms.create({ name: "Both", slug: "both", topic: "", createdBy: ada.id }));
    if (!ada || !room) throw new Error("setup");

    const places: number[] = [];
    for (let turn = 0; turn < 6; turn++) {
      const store = turn % 2 ? b : a;
      // A burst on one instance, then the other: each must see the other's last place.
      const sent = await Promise.all([1, 2, 3].map((n) => store.messages.insert(room.id, ada, `turn ${turn}.${n}`)));
      places.push(...sent.map(({ message }) => message.seq));
    }
    expect(places).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect((await b.messages.after(room.id, 0, 100)).map((m) => m.seq)).toEqual(places);
  });
});
