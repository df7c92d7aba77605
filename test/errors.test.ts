import { describe, expect, it } from "vitest";
import { fragment } from "./support/html.ts";
import { browser, createTestApp, signUp } from "./support/test-app.ts";

describe("errors", () => {
  it("answer every unknown path with the app's styled page, static files included", async () => {
    const { app } = await createTestApp();
    const visitor = browser(app);
    for (const path of ["/rooms", "/rooms/x/", "/nowhere", "/static/nope.js"]) {
      const response = await visitor.get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type"), path).toMatch(/^text\/html/);
      const page = fragment(await response.text());
      expect(page.querySelector("h1")?.textContent, path).toBe("Not found");
      expect(page.querySelector("a.brand"), path).not.toBeNull();
    }
    expect((await visitor.get("/static/app.css")).status).toBe(200);
  });

  it("are JSON of one shape under /api, whatever raised them", async () => {
    const { app } = await createTestApp();
    const alice = await signUp(browser(app), "alice");
    await alice.postForm("/rooms", { name: "General" });
    const cases: [ReturnType<typeof browser>, string, number, RegExp][] = [
      [alice, "/api/anything", 404, /nothing at this address/],
      [alice, "/api", 404, /nothing at this address/],
      [alice, "/api/rooms/nowhere/messages", 404, /There is no room here/],
      [alice, "/api/rooms/general/messages?before=x", 400, /Cursors are message ids/],
      [alice, "/api/rooms/general/messages?limit=500", 400, /limit is 1 to 100/],
      [alice, "/api/rooms/general/messages?before=2&after=1", 400, /before or after, not both/],
      [browser(app), "/api/rooms/general/messages", 401, /Sign in or send an API token/],
    ];
    for (const [client, path, status, message] of cases) {
      const response = await client.get(path);
      expect(response.status, path).toBe(status);
      const body = await response.json();
      expect(Object.keys(body), path).toEqual(["error"]);
      expect(body.error, path).toMatch(message);
    }
  });

  it("say the same about an unknown room on pages, in the API and on the room's fragments", async () => {
    const { app } = await createTestApp();
    const alice = await signUp(browser(app), "alice");
    for (const path of ["/rooms/nowhere", "/rooms/nowhere/messages", "/api/rooms/nowhere/messages"]) {
      const response = await alice.get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).toContain("There is no room here.");
    }
  });
});
