import { describe, expect, it } from "vitest";
import { fragment } from "../support/html.ts";
import { browser, createTestApp, origin, signUp } from "../support/test-app.ts";

const setup = async () => {
  const test = await createTestApp();
  const alice = await signUp(browser(test.app), "alice");
  await alice.postForm("/rooms", { name: "General" });
  const post = (body: string, key: string) =>
    alice.postJson("/api/rooms/general/messages", { body }, { "idempotency-key": key });
  const stored = async () =>
    ((await (await alice.get("/api/rooms/general/messages")).json()).messages as { body: string }[]).map((m) => m.body);
  return { ...test, alice, post, stored };
};

describe("an idempotency key", () => {
  it("returns the first message to a retry with the same text", async () => {
    const { post, stored } = await setup();
    const first = await post("hello", "key-1");
    const again = await post("hello", "key-1");
    expect([first.status, again.status]).toEqual([201, 200]);
    expect((await again.json()).message.id).toBe((await first.json()).message.id);
    expect(await stored()).toEqual(["hello"]);
  });

  it("used again with different text is refused with 422 on the API, and nothing is stored", async () => {
    const { post, stored } = await setup();
    expect((await post("hello", "key-1")).status).toBe(201);
    const reused = await post("something else", "key-1");
    expect(reused.status).toBe(422);
    expect(await reused.json()).toEqual({ error: "That key was already used for a different message." });
    expect(await stored()).toEqual(["hello"]);
  });

  it("used again with different text over the socket is refused to the sender alone", async () => {
    const { app, sockets, alice, stored } = await setup();
    const cookie = [...alice.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const socket = await sockets.open(app, "/rooms/general/ws", { cookie, origin });
    socket.send({ body: "hello", key: "nonce-1" });
    await socket.frame((frame) => frame.includes("hello"));
    const from = socket.frames.length;
    socket.send({ body: "something else", key: "nonce-1" });
    const refusal = await socket.frame((frame) => frame.includes('role="alert"'), from);
    expect(fragment(refusal).querySelector("#pending-nonce-1 [role=alert]")?.textContent).toBe(
      "Not sent: That key was already used for a different message.",
    );
    expect(await stored()).toEqual(["hello"]);
  });
});
