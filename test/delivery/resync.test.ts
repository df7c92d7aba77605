import type { WSContext } from "hono/ws";
import { describe, expect, it, vi } from "vitest";
import type { Bus, BusStatus } from "../../src/bus/bus.ts";
import { createMemoryBus } from "../../src/bus/memory.ts";
import { createChannels } from "../../src/delivery/channels.ts";
import { startResync } from "../../src/delivery/resync.ts";
import { roomTopic } from "../../src/delivery/topics.ts";
import { roomReplay } from "../../src/rooms/replay.ts";
import { openSqlite } from "../../src/store/drivers/node.ts";
import { rootPaths } from "../../views/paths.ts";
import { fragment, idsIn } from "../support/html.ts";

/** A bus whose outages the test decides: the in-process bus plus a switch. */
function switchableBus(initial: BusStatus = "up") {
  const inner = createMemoryBus();
  const listeners: ((status: BusStatus, since: Date) => void)[] = [];
  let status = initial;
  const bus: Bus = {
    ...inner,
    status: () => status,
    onStatus: (listener) => void listeners.push(listener),
  };
  /** `since`: when the bus last knew fragments flowed; now unless told. */
  const set = (next: BusStatus, since = new Date()) => {
    status = next;
    for (const listener of listeners) listener(next, since);
  };
  return { bus, set };
}

async function setup(initial: BusStatus = "up") {
  const store = await openSqlite(":memory:");
  const author = await store.users.create("alice", "x");
  const room =
    author && (await store.rooms.create({ name: "General", slug: "general", topic: "", createdBy: author.id }));
  if (!author || !room) throw new Error("setup failed");
  const { bus, set } = switchableBus(initial);
  const published: string[] = [];
  const waiters: (() => void)[] = [];
  const fanout = {
    subscribe: () => {},
    unsubscribe: () => {},
    publish: (_topic: string, payload: string) => {
      published.push(payload);
      for (const wake of waiters.splice(0)) wake();
      return 1;
    },
  };
  const channels = createChannels(bus, fanout);
  const logs: string[] = [];
  const logWaiters: (() => void)[] = [];
  startResync({ store, bus, now: () => new Date() }, channels, roomReplay(store, rootPaths), (line) => {
    logs.push(line);
    for (const wake of logWaiters.splice(0)) wake();
  });
  await channels.join({} as WSContext, roomTopic(room));
  const post = async (body: string) => (await store.messages.insert(room.id, author, body)).message;
  const nextPublish = () => new Promise<void>((resolve) => waiters.push(resolve));
  /** Resolves when the resync reports that it is done. */
  const nextLog = () => new Promise<void>((resolve) => logWaiters.push(resolve));
  const replayedIds = () => published.flatMap(idsIn);
  const edit = (id: number, body: string) => store.messages.edit(room.id, id, body, new Date());
  return { set, post, edit, published, nextPublish, nextLog, replayedIds, logs };
}

describe("resync after a bus outage", () => {
  it("replays to local rooms, in id order and in pages, what was stored during the outage", async () => {
    const { set, post, nextLog, replayedIds, logs } = await setup();
    set("down");
    const during = [];
    for (let i = 0; i < 150; i++) during.push((await post(`during ${i}`)).id);
    const done = nextLog();
    set("up");
    await done;
    expect(replayedIds()).toEqual(during);
    expect(logs.at(-1)).toMatch(/replayed 150 message\(s\)/);
  });

  it("starts from the bus's last confirmation, however late the outage was noticed", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const { set, post, nextLog, replayedIds } = await setup();
      const t0 = Date.now();
      const at = (ms: number) => vi.setSystemTime(t0 + ms);
      at(-60_000);
      await post("long before");
      at(0);
      const confirmed = new Date(); // Redis answered a PING sent now, then hung
      const during = [];
      for (const ms of [1_000, 3_000, 6_000, 9_000]) {
        at(ms);
        during.push((await post(`hung for ${ms} ms`)).id);
      }
      at(10_000); // noticed late, or the hang ended in a crash
      set("down", confirmed);
      const done = nextLog();
      set("up");
      await done;
      expect(replayedIds()).toEqual(during);
    } finally {
      vi.useRealTimers();
    }
  });

  it("replays the changes made during the outage too: each message as it is now, with its change number", async () => {
    const { set, post, edit, nextLog, published } = await setup();
    const before = await post("said before");
    set("down");
    const during = await post("said during");
    await edit(before.id, "edited during");
    await edit(during.id, "said and edited during");
    const done = nextLog();
    set("up");
    await done;
    const all = fragment(published.join(""));
    const edited = all.querySelector(`hx-partial[hx-target="#message-${before.id}"][hx-swap="outerHTML"]`);
    expect(edited?.querySelector(".body")?.textContent).toBe("edited during");
    expect([...all.querySelectorAll("i[data-change]")].map((mark) => mark.getAttribute("data-change"))).toEqual([
      "1",
      "2",
    ]);
  });

  it("replays nothing while the bus stays up", async () => {
    const { post, published } = await setup();
    await post("live");
    expect(published).toEqual([]);
  });

  it("closes the gap of an instance that started before its bus connected", async () => {
    const { set, post, nextPublish, replayedIds } = await setup("down");
    const missed = await post("while connecting");
    const replayed = nextPublish();
    set("up");
    await replayed;
    expect(replayedIds()).toContain(missed.id);
  });
});
