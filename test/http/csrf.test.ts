import { describe, expect, it } from "vitest";
import { fragment } from "../support/html.ts";
import { browser, createTestApp, signUp } from "../support/test-app.ts";

const foreign = { origin: "https://evil.example" };

const setup = async () => {
  const test = await createTestApp();
  const alice = await signUp(browser(test.app), "alice");
  await alice.postForm("/settings/tokens", { name: "bot" });
  const page = fragment(await (await alice.get("/settings")).text());
  const token = page.querySelector("code.token")?.textContent as string;
  await alice.postForm("/rooms", { name: "General" });
  return { ...test, alice, token };
};

describe("cross-site requests", () => {
  it("are refused whatever their Content-Type claims, and change nothing", async () => {
    const { alice } = await setup();
    const attempts: [string, RequestInit][] = [
      ["/logout", { method: "POST", body: "{}", headers: { "content-type": "application/json", ...foreign } }],
      [
        "/settings/tokens/1/delete",
        { method: "POST", body: "{}", headers: { "content-type": "application/json", ...foreign } },
      ],
      ["/logout", { method: "POST", headers: foreign }],
      ["/rooms", { method: "POST", body: "name=x", headers: { "content-type": "text/plain", ...foreign } }],
      [
        "/api/rooms/general/messages",
        { method: "POST", body: '{"body":"forged"}', headers: { "content-type": "application/json", ...foreign } },
      ],
      ["/logout", { method: "DELETE", headers: foreign }],
    ];
    for (const [path, init] of attempts) {
      const response = await alice.request(path, init);
      expect(response.status, `${init.method} ${path}`).toBe(403);
    }
    const page = fragment(await (await alice.get("/settings")).text());
    expect(page.querySelectorAll("ul.tokens li")).toHaveLength(1);
    const { messages } = await (await alice.get("/api/rooms/general/messages")).json();
    expect(messages).toEqual([]);
  });

  it("with a cookie need proof of origin: our Origin, or Sec-Fetch-Site from the browser", async () => {
    const { app, alice } = await setup();
    const cookie = [...alice.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    // Straight to the app: the test client would add an Origin.
    const withoutOrigin = (headers: Record<string, string>) =>
      app.request("http://localhost/api/rooms/general/messages", {
        method: "POST",
        body: '{"body":"hi"}',
        headers: { "content-type": "application/json", cookie, ...headers },
      });
    expect((await withoutOrigin({})).status).toBe(403);
    expect((await withoutOrigin({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await withoutOrigin({ "sec-fetch-site": "same-site" })).status).toBe(403);
    expect((await withoutOrigin({ "sec-fetch-site": "same-origin" })).status).toBe(201);
    // What Chromium sends for our own forms under Referrer-Policy: no-referrer.
    expect((await withoutOrigin({ origin: "null", "sec-fetch-site": "same-origin" })).status).toBe(201);
    expect((await withoutOrigin({ origin: "null" })).status).toBe(403);
  });

  it("from a script with a bearer token and no cookie stay welcome", async () => {
    const { app, token } = await setup();
    const response = await app.request("http://localhost/api/rooms/general/messages", {
      method: "POST",
      body: '{"body":"from a bot"}',
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(201);
  });
});
