import { describe, expect, it } from "vitest";
import { bodySizes } from "../../src/http/body-limits.ts";
import { diskFullWrite, images, pretenders, sha256, tempFilesFolder } from "../support/files.ts";
import { fragment } from "../support/html.ts";
import { postImageMessage } from "../support/image-message.ts";
import { postProfile } from "../support/profile-form.ts";
import { browser, roomInProcess } from "../support/test-app.ts";

type ApiMessage = { id: number; body: string; image?: { url: string; width: number; height: number } };

/** POST /rooms/:slug/messages: a multipart form with an image, posted through the same `post` as a socket send. */
describe("image messages", () => {
  const folder = tempFilesFolder();
  const setup = async (files = folder.files) => {
    const test = await roomInProcess(undefined, { files });
    const stored = async () =>
      (await (await test.alice.get("/api/rooms/general/messages?limit=100")).json()).messages as ApiMessage[];
    const fileRow = (bytes: Uint8Array) => test.deps.store.files.find(sha256(bytes));
    return { ...test, stored, fileRow };
  };
  const imageIn = (html: string) => fragment(html).querySelector("article .attachment img");

  it("stores each type once and broadcasts the one fragment, the image's width and height set", async () => {
    const { join, alice, bob, stored } = await setup();
    const b = await join(bob);
    for (const [ext, image] of Object.entries(images)) {
      const posted = await postImageMessage(
        alice,
        "general",
        { body: `a ${ext}`, key: `k-${ext}` },
        { bytes: image.bytes, name: `photo.${ext}`, type: image.type },
      );
      expect(posted.status, ext).toBe(200);
      const name = `${sha256(image.bytes)}.${ext}`;
      // The sender's answer: the message itself, and an emptied error line.
      const answer = await posted.text();
      expect(imageIn(answer)?.getAttribute("src"), ext).toBe(`/files/${name}`);
      expect(fragment(answer).querySelector("hx-partial [role=alert]")?.textContent).toBe("");
      const toBob = imageIn(await b.frame((f) => f.includes(`/files/${name}`)));
      expect(toBob?.getAttribute("width"), ext).toBe("3");
      expect(toBob?.getAttribute("height"), ext).toBe("2");
      expect(toBob?.getAttribute("alt")).toBe("Image from alice");
      expect(toBob?.closest("a")?.getAttribute("href")).toBe(`/files/${name}`);
      expect((await alice.get(`/files/${name}`)).headers.get("content-type")).toBe(image.type);
    }
    expect(folder.onDisk()).toEqual(
      Object.entries(images)
        .map(([ext, i]) => `${sha256(i.bytes)}.${ext}`)
        .sort(),
    );
    const messages = await stored();
    expect(messages.map((m) => m.body)).toEqual(["a png", "a jpg", "a webp", "a gif"]);
    expect(messages[0]?.image).toEqual({ url: `/files/${sha256(images.png.bytes)}.png`, width: 3, height: 2 });
  });

  it("takes an image without text, and redirects a plain form post (no script) back to the room", async () => {
    const { alice, stored } = await setup();
    const posted = await postImageMessage(
      alice,
      "general",
      { plain: true },
      { bytes: images.gif.bytes, name: "a.gif" },
    );
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe("/rooms/general");
    expect(await stored()).toMatchObject([{ body: "", image: { width: 3, height: 2 } }]);
    // Home's latest activity has no text to show: it says what it is.
    expect(await (await alice.get("/")).text()).toContain("(an image)");
  });

  it("refuses an HTML page or an SVG named .png (415), storing nothing", async () => {
    const { alice, stored, fileRow } = await setup();
    for (const bytes of [pretenders.html, pretenders.svg]) {
      const posted = await postImageMessage(
        alice,
        "general",
        { body: "look" },
        { bytes, name: "cat.png", type: "image/png" },
      );
      expect(posted.status).toBe(415);
      const line = fragment(await posted.text()).querySelector(
        "hx-partial[hx-target='#attach-room-1-error'] [role=alert]",
      );
      expect(line?.textContent).toBe("That file is not a PNG, JPEG, WebP or GIF image.");
      expect(await fileRow(bytes)).toBeNull();
    }
    expect(await stored()).toEqual([]);
    expect(folder.onDisk()).toEqual([]);
  });

  it("refuses an oversized image (413), storing nothing: past the body limit and just past 2 MB", async () => {
    const { alice, stored } = await setup();
    const padded = (size: number) => {
      const bytes = new Uint8Array(size);
      bytes.set(images.png.bytes);
      return bytes;
    };
    const huge = await postImageMessage(alice, "general", {}, { bytes: padded(bodySizes.upload + 1), name: "big.png" });
    expect(huge.status).toBe(413);
    const over = await postImageMessage(alice, "general", {}, { bytes: padded(2 * 1024 * 1024 + 1), name: "big.png" });
    expect(over.status).toBe(413);
    expect(fragment(await over.text()).querySelector("[role=alert]")?.textContent).toContain("at most 2 MB");
    expect(await stored()).toEqual([]);
    expect(folder.onDisk()).toEqual([]);
  });

  it("keeps the same image once on disk, however often it is posted", async () => {
    const { alice, bob, stored } = await setup();
    await postImageMessage(alice, "general", { key: "a-1" }, { bytes: images.webp.bytes, name: "one.webp" });
    await postImageMessage(bob, "general", { key: "b-1" }, { bytes: images.webp.bytes, name: "two.webp" });
    expect(await stored()).toHaveLength(2);
    expect(folder.onDisk()).toEqual([`${sha256(images.webp.bytes)}.webp`]);
  });

  it("stores a reused idempotency key once, and refuses it for a different image", async () => {
    const { join, alice, bob, stored } = await setup();
    const b = await join(bob);
    const first = await postImageMessage(
      alice,
      "general",
      { key: "same-1" },
      { bytes: images.png.bytes, name: "a.png" },
    );
    const again = await postImageMessage(
      alice,
      "general",
      { key: "same-1" },
      { bytes: images.png.bytes, name: "a.png" },
    );
    expect([first.status, again.status]).toEqual([200, 200]);
    const [message] = await stored();
    expect(await stored()).toHaveLength(1);
    expect(fragment(await again.text()).querySelector("article")?.id).toBe(`message-${message?.id}`);
    const other = await postImageMessage(
      alice,
      "general",
      { key: "same-1" },
      { bytes: images.jpg.bytes, name: "b.jpg" },
    );
    expect(other.status).toBe(422);
    expect(await stored()).toHaveLength(1);
    expect(b.frames.filter((f) => f.includes("attachment"))).toHaveLength(1);
  });

  it("shows the image, the author's avatar and name in the room's history and a reconnecting socket's catch-up", async () => {
    const { join, alice, bob } = await setup();
    await postProfile(alice, { display_name: "Alice L" }, { bytes: images.gif.bytes, name: "me.gif" });
    await postImageMessage(alice, "general", { body: "caption" }, { bytes: images.jpg.bytes, name: "a.jpg" });
    const page = fragment(await (await bob.get("/rooms/general")).text());
    const article = page.querySelector("[role=log] article");
    expect(article?.querySelector("img.avatar")?.getAttribute("src")).toBe(`/files/${sha256(images.gif.bytes)}.gif`);
    expect(article?.querySelector(".author")?.textContent).toBe("Alice L");
    const shown = page.querySelector("[role=log] article .attachment img");
    expect(shown?.getAttribute("src")).toBe(`/files/${sha256(images.jpg.bytes)}.jpg`);
    expect(shown?.getAttribute("width")).toBe("3");
    expect(shown?.closest("article")?.querySelector(".body")?.textContent).toBe("caption");
    const resumed = await join(bob, "?after=0");
    const replayed = fragment(await resumed.frame((f) => f.includes("attachment"))).querySelector("article");
    expect(replayed?.querySelector(".attachment img")?.getAttribute("height")).toBe("2");
    expect(replayed?.querySelector("img.avatar")?.getAttribute("src")).toBe(`/files/${sha256(images.gif.bytes)}.gif`);
    expect(replayed?.querySelector(".author")?.getAttribute("title")).toBe("@alice");
    // Live over the socket too: the author comes from the session's User, with no query.
    const a = await join(alice);
    a.send({ body: "over the socket", key: "s-1" });
    const live = fragment(await resumed.frame((f) => f.includes("over the socket"))).querySelector("article");
    expect(live?.querySelector("img.avatar")?.getAttribute("src")).toBe(`/files/${sha256(images.gif.bytes)}.gif`);
    expect(live?.querySelector(".author")?.textContent).toBe("Alice L");
  });

  it("escapes markup in the caption", async () => {
    const { join, alice, bob } = await setup();
    const b = await join(bob);
    const body = `<script>alert(1)</script><img src=x onerror=alert(2)>`;
    await postImageMessage(alice, "general", { body }, { bytes: images.png.bytes, name: "a.png" });
    const frame = await b.frame((f) => f.includes("attachment"));
    expect(frame).not.toContain("<script>");
    const article = fragment(frame).querySelector("article");
    expect(article?.querySelector(".body")?.textContent).toBe(body);
    expect(article?.querySelectorAll("img:not(.avatar)")).toHaveLength(1);
  });

  it("refuses, storing nothing: no text and no image (422), an unknown room (404), no session, another site", async () => {
    const { app, alice, stored } = await setup();
    const empty = await postImageMessage(alice, "general", { body: "   " });
    expect(empty.status).toBe(422);
    expect(fragment(await empty.text()).querySelector("[role=alert]")?.textContent).toBe(
      "Not sent: Type a message first.",
    );
    const nowhere = await postImageMessage(alice, "nowhere", {}, { bytes: images.png.bytes, name: "a.png" });
    expect(nowhere.status).toBe(404);
    const anonymous = await postImageMessage(browser(app), "general", {}, { bytes: images.png.bytes, name: "a.png" });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
    const form = new FormData();
    form.set("image", new File([images.png.bytes as Uint8Array<ArrayBuffer>], "a.png"));
    const foreign = await alice.request("/rooms/general/messages", {
      method: "POST",
      body: form,
      headers: { origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect(await stored()).toEqual([]);
    expect(folder.onDisk()).toEqual([]);
  });

  it("says so when the disk is full (507), leaving no file and no message", async () => {
    const full = tempFilesFolder(diskFullWrite);
    const { alice, stored, fileRow } = await setup(full.files);
    const posted = await postImageMessage(alice, "general", {}, { bytes: images.png.bytes, name: "a.png" });
    expect(posted.status).toBe(507);
    expect(fragment(await posted.text()).querySelector("[role=alert]")?.textContent).toContain("disk is full");
    expect(await stored()).toEqual([]);
    expect(await fileRow(images.png.bytes)).toBeNull();
    expect(full.onDisk()).toEqual([]);
  });
});
