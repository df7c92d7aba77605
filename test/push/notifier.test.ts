import { afterEach, describe, expect, it } from "vitest";
import { createPushNotifier, type PushOutcome } from "../../src/push/notifier.ts";
import { openSqlite } from "../../src/store/drivers/node.ts";
import type { Store } from "../../src/store/store.ts";
import { rootPaths } from "../../views/paths.ts";
import { aMessage, anAuthor, aRoom } from "../support/records.ts";

const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

const alice = anAuthor();
const direct = aRoom({ slug: "dm-1", name: "alice, bob", visibility: "direct" });
const lunch = aMessage({ body: "lunch?", author: alice });

describe("a message's pushes", () => {
  it("start in the turn after the one that published the message, never within it", async () => {
    // Bun writes a task's published frames only once the task and its microtasks end: a query
    // and the encryption there would hold every socket's copy of the message back.
    const store = await openSqlite(":memory:");
    stores.push(store);
    let asked = 0;
    let settle: (outcome: PushOutcome) => void = () => {};
    const settled = new Promise<PushOutcome>((resolve) => {
      settle = resolve;
    });
    const notifier = createPushNotifier({
      store: {
        pushSubscriptions: {
          ...store.pushSubscriptions,
          recipients: (...args) => {
            asked++;
            return store.pushSubscriptions.recipients(...args);
          },
        },
      },
      present: async () => [],
      paths: rootPaths,
      keys: async () => ({ publicKey: "", privateKey: "" }),
      subject: "mailto:ops@example.com",
      settled: (outcome) => settle(outcome),
    });
    notifier.messageStored(direct, lunch, alice, []);
    for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => queueMicrotask(resolve));
    expect(asked).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toBe(1);
    // No one subscribed: nothing to send, and it says so.
    expect(await settled).toEqual({ messageId: 1, sent: 0, gone: 0, failed: 0 });
  });
});
