import { describe, expect, it } from "vitest";
import { fragment } from "../support/html.ts";
import { browser, createTestApp, signUp } from "../support/test-app.ts";

const directives = (response: Response) =>
  new Map(
    (response.headers.get("content-security-policy") ?? "")
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name = "", ...values]) => [name, values]),
  );

const setup = async () => {
  const { app } = await createTestApp();
  const alice = await signUp(browser(app), "alice");
  await alice.postForm("/rooms", { name: "General" });
  return { app, alice };
};

const paths = [
  "/",
  "/rooms/general",
  "/settings",
  "/u/alice",
  "/login",
  "/nowhere",
  "/static/app.css",
  "/static/htmx.js",
];

describe("security headers", () => {
  it("put a strict Content-Security-Policy on every response: own scripts and styles only, no eval", async () => {
    const { alice } = await setup();
    for (const path of [...paths, "/api/rooms", "/healthz"]) {
      const csp = directives(await alice.get(path));
      expect(csp.get("default-src"), path).toEqual(["'none'"]);
      expect(csp.get("script-src"), path).toEqual(["'self'"]);
      expect(csp.get("style-src"), path).toEqual(["'self'"]);
      expect(csp.get("connect-src"), path).toEqual(["'self'"]);
      expect(csp.get("frame-ancestors"), path).toEqual(["'none'"]);
      expect(csp.get("base-uri"), path).toEqual(["'none'"]);
      expect(csp.get("form-action"), path).toEqual(["'self'"]);
    }
  });

  it("forbid sniffing and framing on every response, static files and refusals included", async () => {
    const { alice } = await setup();
    const refused = await alice.request("/logout", { method: "POST", headers: { origin: "https://evil.example" } });
    for (const response of [...(await Promise.all(paths.map((path) => alice.get(path)))), refused]) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    }
  });

  it("leave the pages nothing the policy would block: no inline script, style or handler", async () => {
    const { alice } = await setup();
    for (const path of paths.filter((path) => !path.startsWith("/static/"))) {
      const html = await (await alice.get(path)).text();
      const page = fragment(html);
      for (const script of page.querySelectorAll("script")) {
        expect(script.getAttribute("src"), path).toMatch(/^\/static\//);
        expect(script.textContent, path).toBe("");
      }
      expect(page.querySelectorAll("style"), path).toHaveLength(0);
      expect(html, path).not.toMatch(/\sstyle=|\son[a-z]+=|\shx-on|javascript:/i);
    }
  });
});

describe("static files", () => {
  it("know only their own names: inherited ones are a 404, not a 500", async () => {
    const { app } = await createTestApp();
    for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]) {
      const response = await browser(app).get(`/static/${name}`);
      expect(response.status, name).toBe(404);
      expect(fragment(await response.text()).querySelector("h1")?.textContent).toBe("Not found");
    }
  });
});
