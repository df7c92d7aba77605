import { describe, expect, it } from "vitest";
import { images, sha256, tempFilesFolder } from "../support/files.ts";
import { fragment } from "../support/html.ts";
import { postImageMessage } from "../support/image-message.ts";
import { postProfile } from "../support/profile-form.ts";
import { browser, createTestApp, signUp } from "../support/test-app.ts";

describe("GET /files/…", () => {
  const folder = tempFilesFolder();

  const withAvatar = async (image: { bytes: Uint8Array; type: string }, claimed = "me.png") => {
    const test = await createTestApp({ files: folder.files });
    const alice = await signUp(browser(test.app), "alice");
    expect((await postProfile(alice, {}, { bytes: image.bytes, name: claimed, type: "text/html" })).status).toBe(303);
    return { ...test, alice, visitor: browser(test.app) };
  };

  it("serves each stored image with its own fixed type, unsniffable, cached for a year, to anyone", async () => {
    for (const [ext, image] of Object.entries(images)) {
      const { visitor } = await withAvatar(image);
      const hash = sha256(image.bytes);
      const response = await visitor.get(`/files/${hash}.${ext}`);
      expect(response.status, ext).toBe(200);
      expect(response.headers.get("content-type")).toBe(image.type);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(response.headers.get("etag")).toBe(`"${hash}"`);
      expect(response.headers.get("content-encoding")).toBeNull();
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(image.bytes);
    }
  });

  it("answers a revalidation with 304 and no body", async () => {
    const { visitor } = await withAvatar(images.png);
    const hash = sha256(images.png.bytes);
    const again = await visitor.request(`/files/${hash}.png`, { headers: { "if-none-match": `"${hash}"` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("is a 404 for any other name: unknown, another extension, upper case, traversal", async () => {
    const { visitor } = await withAvatar(images.png);
    const hash = sha256(images.png.bytes);
    const names = [
      `${"0".repeat(64)}.png`,
      `${hash}.gif`,
      `${hash}.PNG`,
      `${hash.toUpperCase()}.png`,
      `${hash}.png.html`,
      hash,
      `${hash.slice(0, 2)}/${hash}.png`,
      "..%2Fparley.db",
      "..%2F..%2Fpackage.json",
      "%2e%2e%2fparley.db",
      `..%2F${hash.slice(0, 2)}%2F${hash}.png`,
      "__proto__",
    ];
    for (const name of names) expect((await visitor.get(`/files/${name}`)).status, name).toBe(404);
    const notFound = await visitor.get(`/files/${"0".repeat(64)}.png`);
    expect(fragment(await notFound.text()).querySelector("h1")?.textContent).toBe("Not found");
    for (const path of ["/files/../package.json", "/files/..%2f..%2fpackage.json", "/files/"])
      expect((await visitor.get(path)).status, path).toBe(404);
  });

  it("serves an image posted in a private room to its members alone; to anyone else it is a missing file's 404", async () => {
    const test = await createTestApp({ files: folder.files });
    const alice = await signUp(browser(test.app), "alice");
    const bob = await signUp(browser(test.app), "bob");
    const created = await alice.postForm("/rooms", { name: "Secret", topic: "", visibility: "private" });
    const slug = (created.headers.get("location") ?? "").replace("/rooms/", "");
    const posted = await postImageMessage(alice, slug, { body: "look" }, { bytes: images.gif.bytes, name: "a.gif" });
    expect(posted.status).toBe(200);
    const name = `${sha256(images.gif.bytes)}.gif`;

    const mine = await alice.get(`/files/${name}`);
    expect(mine.status).toBe(200);
    // No shared cache may keep it for others.
    expect(mine.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    for (const [who, client] of [
      ["a signed-in stranger", bob],
      ["someone signed out", browser(test.app)],
    ] as const) {
      const missing = await (await client.get(`/files/${"0".repeat(64)}.gif`)).text();
      const revalidation: Record<string, string> = { "if-none-match": `"${sha256(images.gif.bytes)}"` };
      for (const headers of [{}, revalidation]) {
        const response = await client.request(`/files/${name}`, { headers });
        expect(response.status, who).toBe(404);
        expect(await response.text(), who).toBe(missing);
      }
    }
    // Once the same picture is someone's avatar, it is everyone's.
    expect((await postProfile(bob, {}, { bytes: images.gif.bytes, name: "me.gif", type: "image/gif" })).status).toBe(
      303,
    );
    expect((await browser(test.app).get(`/files/${name}`)).status).toBe(200);
  });
});
