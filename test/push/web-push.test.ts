import { afterEach, describe, expect, it } from "vitest";
import type { PushOutcome } from "../../src/push/notifier.ts";
import { startPushService } from "../support/push-service.ts";
import { type Browser, roomsWithBob } from "../support/test-app.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/**
 * Alice and bob in General, in process; bob's browser subscribed to Web Push through the settings
 * route with keys the test made; the push service is the test's. `pushed()` resolves when a
 * message's pushes are done, whatever they came to, so a test that expects none waits for that.
 */
async function withPush() {
  const outcomes: PushOutcome[] = [];
  const waiters: ((outcome: PushOutcome) => void)[] = [];
  const test = await roomsWithBob([{ name: "General" }], {
    push: {
      insecureEndpoints: true,
      settled: (outcome) => {
        const waiter = waiters.shift();
        if (waiter) waiter(outcome);
        else outcomes.push(outcome);
      },
    },
  });
  const service = await startPushService();
  cleanups.push(service.close);
  const pushed = () =>
    new Promise<PushOutcome>((resolve) => {
      const done = outcomes.shift();
      if (done) resolve(done);
      else waiters.push(resolve);
    });
  const say = async (client: Browser, body: string, slug = "general") => {
    const response = await client.postJson(`/api/rooms/${slug}/messages`, { body });
    expect(response.status).toBe(201);
    const { message } = (await response.json()) as { message: { id: number } };
    return { id: message.id, outcome: await pushed() };
  };
  const subscription = service.subscribe();
  expect((await test.bob.postJson("/settings/push", subscription)).status).toBe(204);
  return { ...test, service, subscription, say };
}

describe("Web Push", () => {
  it("reaches bob, with no tab open, when alice mentions him: the room, the author, a preview, the message's address", async () => {
    const { alice, say, service, subscription } = await withPush();
    const { id, outcome } = await say(alice, "@bob the deploy is green, can you look?");
    expect(outcome).toEqual({ messageId: id, sent: 1, gone: 0, failed: 0 });
    expect(service.received).toHaveLength(1);
    const [push] = service.received;
    expect(push?.path).toBe(new URL(subscription.endpoint).pathname);
    expect(push?.payload).toEqual({
      title: "alice in General",
      body: "@bob the deploy is green, can you look?",
      url: `/rooms/general?at=${id}`,
      icon: "/static/favicon.svg",
      tag: expect.stringMatching(/^parley-room-\d+$/),
    });
    expect(push?.headers["content-encoding"]).toBe("aes128gcm");
    expect(push?.headers.ttl).toBe(String(12 * 60 * 60));
    expect(push?.headers.urgency).toBe("normal");
    expect(push?.headers.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
  });

  it("keeps the preview as short as room lists show it", async () => {
    const { alice, say, service } = await withPush();
    await say(alice, `@bob ${"long ".repeat(40)}`);
    const body = String((service.received[0]?.payload as { body?: string } | undefined)?.body);
    expect(body).toHaveLength(80);
    expect(body.endsWith("…")).toBe(true);
  });

  it("sends nothing while bob has the room open, nor once he chose None for it", async () => {
    const { alice, say, service, open, bob } = await withPush();
    const socket = await open(bob);
    expect((await say(alice, "@bob are you here?")).outcome.sent).toBe(0);
    socket.close();
    expect((await bob.postForm("/rooms/general/notify", { notify: "none" })).status).toBe(303);
    expect((await say(alice, "@bob still there?")).outcome.sent).toBe(0);
    expect((await say(alice, "no mention at all")).outcome.sent).toBe(0);
    expect(service.received).toHaveLength(0);
  });

  it("pushes every message of a direct room to the other person, titled with the author alone", async () => {
    const { say, service, alice } = await withPush();
    const slug = new URL(
      (await alice.postForm("/dm", { username: "bob" })).headers.get("location") ?? "",
      "http://x",
    ).pathname
      .split("/")
      .pop() as string;
    const { id, outcome } = await say(alice, "lunch?", slug);
    expect(outcome.sent).toBe(1);
    expect(service.received[0]?.payload).toMatchObject({
      title: "alice",
      body: "lunch?",
      url: `/rooms/${slug}?at=${id}`,
    });
  });

  it("forgets a subscription its push service says is gone (410)", async () => {
    const { alice, say, service, subscription, deps, bob } = await withPush();
    service.answer(subscription.endpoint, 410);
    expect((await say(alice, "@bob hello?")).outcome).toMatchObject({ sent: 0, gone: 1 });
    const me = await deps.store.users.findByUsername("bob");
    expect(await deps.store.pushSubscriptions.listFor(me?.id ?? 0)).toEqual([]);
    // Subscribing again (a new permission, say) works as the first time.
    expect((await bob.postJson("/settings/push", service.subscribe())).status).toBe(204);
  });

  it("refuses what no browser would subscribe with, keeping nothing, and removes only one's own", async () => {
    const { bob, alice, deps, subscription } = await withPush();
    const bad = [
      { endpoint: "not a url", keys: subscription.keys },
      { endpoint: "ftp://push.example/1", keys: subscription.keys },
      { endpoint: "https://push.example/1", keys: { ...subscription.keys, auth: "c2hvcnQ" } },
      { endpoint: "https://push.example/1", keys: { ...subscription.keys, p256dh: "AAAA" } },
      {},
    ];
    for (const body of bad) {
      const response = await bob.postJson("/settings/push", body);
      expect(response.status).toBe(422);
      expect(await response.json()).toEqual({ error: "That is not a push subscription this browser could have made." });
    }
    const broken = await bob.request("/settings/push", {
      method: "POST",
      body: "{",
      headers: { "content-type": "application/json" },
    });
    expect(broken.status).toBe(422);
    const ids = async (name: string) => (await deps.store.users.findByUsername(name))?.id ?? 0;
    expect(await deps.store.pushSubscriptions.listFor(await ids("bob"))).toHaveLength(1);
    // Alice cannot remove bob's; bob can.
    expect((await alice.postJson("/settings/push/remove", { endpoint: subscription.endpoint })).status).toBe(204);
    expect(await deps.store.pushSubscriptions.listFor(await ids("bob"))).toHaveLength(1);
    expect((await bob.postJson("/settings/push/remove", { endpoint: subscription.endpoint })).status).toBe(204);
    expect(await deps.store.pushSubscriptions.listFor(await ids("bob"))).toEqual([]);
  });

  it("offers the switch on the settings page with the deployment's key, and serves the worker at the root", async () => {
    const { bob, deps, app } = await withPush();
    const page = await (await bob.get("/settings")).text();
    const kept = JSON.parse(await deps.store.deployment.claim("vapid", "unused")) as { publicKey: string };
    expect(page).toContain(`data-push-key="${kept.publicKey}"`);
    expect(page).toContain('data-push-worker="/push-worker.js"');
    const worker = await app.request("/push-worker.js");
    expect(worker.status).toBe(200);
    expect(worker.headers.get("content-type")).toMatch(/javascript/);
    expect(await worker.text()).toContain("notificationclick");
  });
});
