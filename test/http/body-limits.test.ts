import { describe, expect, it } from "vitest";
import { bodySizes } from "../../src/http/body-limits.ts";
import { fragment } from "../support/html.ts";
import { browser, createTestApp, origin, signUp } from "../support/test-app.ts";

describe("request bodies", () => {
  it("are refused past a few KB on forms, with a clear 413 page, before anyone parses them", async () => {
    const { app } = await createTestApp();
    const big = "x".repeat(bodySizes.form + 1);
    for (const path of ["/signup", "/login", "/rooms", "/logout", "/settings/tokens"]) {
      const response = await browser(app).postForm(path, { username: big, password: "long enough secret" });
      expect(response.status, path).toBe(413);
      const page = fragment(await response.text());
      expect(page.querySelector("h1")?.textContent, path).toBe("Too large");
      expect(page.querySelector("main p")?.textContent, path).toBe("That request is too large: at most 8 KB.");
    }
  });

  it("are refused past 64 KB on the JSON API, as JSON, and a long message still fits", async () => {
    const { app } = await createTestApp();
    const alice = await signUp(browser(app), "alice");
    await alice.postForm("/rooms", { name: "General" });
    const tooBig = await alice.postJson("/api/rooms/general/messages", { body: "x".repeat(bodySizes.json) });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toEqual({ error: "That request is too large: at most 64 KB." });
    // The longest message, every character escaped as \uXXXX (six bytes), still fits.
    const longest = await alice.request("/api/rooms/general/messages", {
      method: "POST",
      body: `{"body":"${"\\u00e9".repeat(4000)}"}`,
      headers: { "content-type": "application/json" },
    });
    expect(longest.status).toBe(201);
  });

  it("are counted as they stream in when no Content-Length announces them", async () => {
    const { app } = await createTestApp();
    const chunk = new TextEncoder().encode(`username=${"x".repeat(4096)}`);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const request = new Request(`${origin}/login`, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", origin },
      duplex: "half",
    } as RequestInit);
    expect((await app.request(request)).status).toBe(413);
  });
});
