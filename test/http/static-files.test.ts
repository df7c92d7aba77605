import { readFileSync } from "node:fs";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { chooseEncoding } from "../../src/http/static-files.ts";
import { fragment } from "../support/html.ts";
import { browser, createTestApp } from "../support/test-app.ts";

const appCss = readFileSync(new URL("../../static/app.css", import.meta.url), "utf8");
const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe("static files", () => {
  it("are sent brotli- or gzip-compressed to browsers that take it, and plain to others", async () => {
    const { app } = await createTestApp();
    const visitor = browser(app);
    const br = await visitor.request("/static/app.css", { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("vary")).toContain("Accept-Encoding");
    expect(brotliDecompressSync(await bytes(br)).toString()).toBe(appCss);

    const gzip = await visitor.request("/static/app.css", { headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(await bytes(gzip)).toString()).toBe(appCss);

    const plain = await visitor.request("/static/app.css", { headers: { "accept-encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe(appCss);
    expect(plain.headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("honour q=0 and prefer brotli", () => {
    expect(chooseEncoding("gzip, br;q=0")).toBe("gzip");
    expect(chooseEncoding("br;q=0.5, gzip")).toBe("br");
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("deflate")).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
  });

  it("carry one ETag in every encoding and answer a revalidation with 304 and no body", async () => {
    const { app } = await createTestApp();
    const visitor = browser(app);
    const first = await visitor.request("/static/htmx.js", { headers: { "accept-encoding": "br" } });
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=300");
    const plain = await visitor.get("/static/htmx.js");
    expect(plain.headers.get("etag")).toBe(etag);

    for (const tag of [etag, etag.slice(2), `"other", ${etag}`]) {
      const again = await visitor.request("/static/htmx.js", { headers: { "if-none-match": tag } });
      expect(again.status, tag).toBe(304);
      expect(await again.text(), tag).toBe("");
      expect(again.headers.get("etag"), tag).toBe(etag);
    }
    const changed = await visitor.request("/static/htmx.js", { headers: { "if-none-match": '"other"' } });
    expect(changed.status).toBe(200);
    expect((await visitor.get("/static/app.css")).headers.get("etag")).not.toBe(etag);
  });

  it("include a favicon the layout links and /favicon.ico points to", async () => {
    const { app } = await createTestApp();
    const visitor = browser(app);
    const icon = await visitor.get("/static/favicon.svg");
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
    expect(await icon.text()).toContain("#3b5bdb");
    const ico = await visitor.get("/favicon.ico");
    expect(ico.status).toBe(301);
    expect(ico.headers.get("location")).toBe("/static/favicon.svg");
    const page = fragment(await (await visitor.get("/login")).text());
    expect(page.querySelector('link[rel="icon"]')?.getAttribute("href")).toBe("/static/favicon.svg");
  });
});
