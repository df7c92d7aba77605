import { describe, expect, it } from "vitest";
import { safeNext as safeNextUnder } from "../../src/accounts/safe-next.ts";
import { pathsUnder, rootPaths } from "../../views/paths.ts";
import { browser, createTestApp, signUp } from "../support/test-app.ts";

const safeNext = (next: unknown) => safeNextUnder(next, rootPaths);

describe("where a log-in returns to", () => {
  it("is a path on this site, kept as given", () => {
    expect(safeNext("/rooms/general")).toBe("/rooms/general");
    expect(safeNext("/rooms/general?after=5#message-7")).toBe("/rooms/general?after=5#message-7");
    expect(safeNext("/u/zoë")).toBe("/u/zo%C3%AB");
  });

  it("is home for anything a browser could read as another site", () => {
    const away = [
      "/\t/evil.example", // browsers delete the tab: //evil.example
      "/\n/evil.example",
      "/%09/evil.example", // the same, percent-encoded once more
      "/\\evil.example", // browsers read \ as /
      "/%5Cevil.example",
      "//evil.example",
      "/%2F/evil.example",
      "/.//evil.example", // dot segments collapse into //evil.example
      "/x/../..//evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      " /rooms",
    ];
    for (const next of away) expect(safeNext(next), JSON.stringify(next)).toBe("/");
  });

  it("is a path under the base path when mounted, and the base path's home otherwise", () => {
    const chat = pathsUnder("/chat");
    expect(safeNextUnder("/chat/rooms/general", chat)).toBe("/chat/rooms/general");
    expect(safeNextUnder("/chat", chat)).toBe("/chat");
    for (const next of ["/rooms/general", "/chatter", "/chat/../admin", "//evil.example"])
      expect(safeNextUnder(next, chat), next).toBe("/chat");
  });

  it("is home for control characters, malformed escapes and things that are not text", () => {
    for (const next of ["/a\r\nSet-Cookie: x=1", "/a\u0000", "/a%00", "/a%0d%0a", "/%E0%A4%A", "/x".repeat(2000)])
      expect(safeNext(next), JSON.stringify(next).slice(0, 40)).toBe("/");
    for (const next of [undefined, null, 5, ["/rooms"], new File([], "next")]) expect(safeNext(next)).toBe("/");
  });
});

describe("a log-in or sign-up with a hostile next", () => {
  it("goes home instead of to the other site", async () => {
    const { app } = await createTestApp();
    await signUp(browser(app), "alice", "correct horse battery");
    const response = await browser(app).postForm("/login", {
      username: "alice",
      password: "correct horse battery",
      next: "/\t/evil.example",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
  });

  it("does not carry it into the form", async () => {
    const { app } = await createTestApp();
    const page = await (await browser(app).get("/login?next=/%09/evil.example")).text();
    expect(page).not.toContain("evil.example");
  });
});
