import { sign } from "hono/jwt";
import { describe, expect, it } from "vitest";
import { closeCodes } from "../../src/delivery/close-codes.ts";
import { browser, origin, roomInProcess } from "../support/test-app.ts";

const host = "http://docs.example.com";
const inMinutes = (minutes: number) => Math.floor(Date.now() / 1000) + minutes * 60;

/**
 * A person an embedding site signs in is a Parley user too: an administrator (alice, the first
 * account) can deactivate them, and neither their session nor a new token lets them back.
 */
describe("a deactivated person an embedding site signs in", () => {
  it("is signed out of the embed, socket and all, and refused a new token with the reason", async () => {
    const { app, alice, deps, sockets } = await roomInProcess();
    await alice.postForm("/rooms/general/settings", { allowed_origins: host, guests: "on" });
    const page = await (await alice.get("/rooms/general/settings")).text();
    const secret =
      /id="embed-secret"[^>]*value="([^"]+)"/.exec(page)?.[1] ??
      /value="([^"]+)"[^>]*id="embed-secret"/.exec(page)?.[1];
    if (!secret) throw new Error("no secret on the settings page");
    // Each token once: a token seen before is a replay, refused before anyone is looked up.
    const token = (minutes: number) =>
      sign({ sub: "u-17", name: "Ada from Docs", aud: "general", exp: inMinutes(minutes) }, secret, "HS256");

    const entered = await browser(app).get(`/embed/general?token=${await token(5)}`);
    expect(entered.status).toBe(303);
    const session = new URL(entered.headers.get("location") ?? "", origin).searchParams.get("session") ?? "";
    const socket = await sockets.open(app, `/embed/general/ws?session=${session}`, { origin });
    const people = await deps.store.users.page({ limit: 10, offset: 0 });
    const signed = people.items.find((person) => person.kind === "external");
    if (!signed) throw new Error("no signed person");

    expect((await alice.postForm(`/admin/people/${signed.username}/deactivate`, {})).status).toBe(303);
    expect((await socket.whenClosed()).code).toBe(closeCodes.unauthenticated);
    expect((await browser(app).get(`/embed/general?session=${session}`)).status).toBe(401);
    const again = await browser(app).get(`/embed/general?token=${await token(6)}`);
    expect(again.status).toBe(403);
    expect(await again.text()).toContain("This account is deactivated.");
  });
});
