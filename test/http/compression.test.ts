import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { browser, createTestApp, signUp } from "../support/test-app.ts";

describe("page compression", () => {
  it("gzips pages for browsers that accept it; the same page decompresses to the plain one", async () => {
    const { app } = await createTestApp();
    const alice = await signUp(browser(app), "alice");
    await alice.postForm("/rooms", { name: "General" });
    const plain = await alice.request("/rooms/general", { headers: { "accept-encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    // Each render carries fresh send keys (the composer's, the image form's); everything else must be the same.
    const keyless = (html: string) => html.replace(/name="key" value="[^"]*"/g, 'name="key"');
    const html = keyless(await plain.text());

    const gzipped = await alice.request("/rooms/general", { headers: { "accept-encoding": "gzip, br" } });
    expect(gzipped.headers.get("content-encoding")).toBe("gzip");
    expect(gzipped.headers.get("vary")).toContain("Accept-Encoding");
    expect(gzipped.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(keyless(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString())).toBe(html);
  });

  it("leaves bodiless responses such as redirects alone", async () => {
    const { app } = await createTestApp();
    const redirect = await browser(app).request("/favicon.ico", { headers: { "accept-encoding": "gzip" } });
    expect(redirect.headers.get("content-encoding")).toBeNull();
  });
});
