import { describe, expect, it } from "vitest";
import { bodySizes } from "../../src/http/body-limits.ts";
import { diskFullWrite, images, pretenders, sha256, tempFilesFolder } from "../support/files.ts";
import { fragment } from "../support/html.ts";
import { postProfile } from "../support/profile-form.ts";
import { type Browser, browser, createTestApp, signUp } from "../support/test-app.ts";

const page = async (response: Response) => fragment(await response.text());
/** A real PNG's bytes, padded with zeros to `size`. */
const padded = (size: number) => {
  const bytes = new Uint8Array(size);
  bytes.set(images.png.bytes);
  return bytes;
};
const profileForm = async (client: Browser) =>
  (await page(await client.get("/settings"))).querySelector("form[action='/settings/profile']");

describe("the profile on the settings page", () => {
  const folder = tempFilesFolder();
  const setup = async () => {
    const test = await createTestApp({ files: folder.files });
    const alice = await signUp(browser(test.app), "alice");
    return { ...test, alice };
  };

  it("comes first, as a multipart form that takes only images", async () => {
    const { alice } = await setup();
    const settings = await page(await alice.get("/settings"));
    expect(settings.querySelector("section h2")?.textContent).toBe("Profile");
    const form = settings.querySelector("form[action='/settings/profile']");
    expect(form?.getAttribute("enctype")).toBe("multipart/form-data");
    expect(form?.querySelector("input[type=file]")?.getAttribute("accept")).toBe(
      "image/png,image/jpeg,image/webp,image/gif",
    );
    expect(form?.querySelector("input[name=display_name]")?.getAttribute("maxlength")).toBe("64");
    expect(form?.querySelector("textarea[name=bio]")?.getAttribute("maxlength")).toBe("255");
    // The default avatar: initials on a colour, and nothing to remove.
    expect(form?.querySelector("span.avatar.avatar-large")?.textContent).toBe("A");
    expect(form?.querySelector("input[name=remove_avatar]")).toBeNull();
  });

  it("saves name, bio and avatar, redirects, and says so once", async () => {
    const { alice, deps } = await setup();
    const saved = await postProfile(
      alice,
      { display_name: "  Alice Liddell ", bio: "Down the\r\nrabbit hole." },
      { bytes: images.png.bytes, name: "me.png", type: "image/png" },
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/settings");
    const settings = await page(await alice.get("/settings"));
    expect(settings.querySelector("[role=status]")?.textContent).toContain("Your profile is saved.");
    const form = settings.querySelector("form[action='/settings/profile']");
    expect(form?.querySelector("input[name=display_name]")?.getAttribute("value")).toBe("Alice Liddell");
    expect(form?.querySelector("textarea")?.textContent).toBe("Down the\nrabbit hole.");
    const avatar = form?.querySelector("img.avatar");
    expect(avatar?.getAttribute("src")).toBe(`/files/${sha256(images.png.bytes)}.png`);
    expect(avatar?.getAttribute("alt")).toBe("");
    expect(form?.querySelector("input[name=remove_avatar]")).not.toBeNull();
    expect((await page(await alice.get("/settings"))).querySelector("[role=status]")).toBeNull();

    const user = await deps.store.users.findByUsername("alice");
    expect(user).toMatchObject({
      displayName: "Alice Liddell",
      bio: "Down the\nrabbit hole.",
      avatar: { name: `${sha256(images.png.bytes)}.png`, width: 3, height: 2 },
    });
  });

  it("keeps the avatar when the file input is empty, and removes it when asked", async () => {
    const { alice, deps } = await setup();
    await postProfile(alice, {}, { bytes: images.webp.bytes, name: "me.webp" });
    await postProfile(alice, { display_name: "Alice" });
    expect((await deps.store.users.findByUsername("alice"))?.avatar).toMatchObject({
      name: `${sha256(images.webp.bytes)}.webp`,
    });
    await postProfile(alice, { display_name: "Alice", remove_avatar: "on" });
    const user = await deps.store.users.findByUsername("alice");
    expect(user).toMatchObject({ displayName: "Alice", avatar: null });
    // The file stays: another person or message may show the same bytes.
    expect(folder.onDisk()).toEqual([`${sha256(images.webp.bytes)}.webp`]);
    expect((await profileForm(alice))?.querySelector(".avatar")?.textContent).toBe("A");
  });

  it("stores an image two people upload once", async () => {
    const { app, alice, deps } = await setup();
    const bob = await signUp(browser(app), "bob");
    for (const person of [alice, bob])
      expect((await postProfile(person, {}, { bytes: images.jpg.bytes, name: "photo.jpg" })).status).toBe(303);
    expect(folder.onDisk()).toEqual([`${sha256(images.jpg.bytes)}.jpg`]);
    const [a, b] = await Promise.all(["alice", "bob"].map((name) => deps.store.users.findByUsername(name)));
    expect(a?.avatar).toEqual(b?.avatar);
  });

  it("refuses an HTML page or an SVG called .png, keeping what was typed and storing nothing", async () => {
    const { alice, deps } = await setup();
    for (const [bytes, name] of [
      [pretenders.html, "cat.png"],
      [pretenders.svg, "cat.svg"],
      [pretenders.svg, "cat.png"],
    ] as const) {
      const refused = await postProfile(
        alice,
        { display_name: "Alice", bio: "Hi" },
        { bytes, name, type: "image/png" },
      );
      expect(refused.status, name).toBe(415);
      const form = (await page(refused)).querySelector("form[action='/settings/profile']");
      expect(form?.querySelector("[role=alert]")?.textContent).toBe("That file is not a PNG, JPEG, WebP or GIF image.");
      expect(form?.querySelector("input[name=display_name]")?.getAttribute("value")).toBe("Alice");
      expect(form?.querySelector("textarea")?.textContent).toBe("Hi");
    }
    expect(folder.onDisk()).toEqual([]);
    expect(await deps.store.users.findByUsername("alice")).toMatchObject({ displayName: null, bio: "", avatar: null });
  });

  it("refuses a 2.5 MB avatar on the settings page, signed in, with the name and bio kept and the reason by the field", async () => {
    const { alice, deps } = await setup();
    const refused = await postProfile(
      alice,
      { display_name: "Alice Liddell", bio: "Curious.\nVery curious." },
      { bytes: padded(2.5 * 1024 * 1024), name: "holiday.png" },
    );
    expect(refused.status).toBe(413);
    const settings = await page(refused);
    // The person's own header, not a signed-out one, and no way out but the form itself.
    expect(settings.querySelector("header nav a[href='/settings']")).not.toBeNull();
    expect(settings.querySelector("h1")?.textContent).toBe("Settings");
    const form = settings.querySelector("form[action='/settings/profile']");
    expect(form?.querySelector("input[name=display_name]")?.getAttribute("value")).toBe("Alice Liddell");
    expect(form?.querySelector("textarea")?.textContent).toBe("Curious.\nVery curious.");
    // Said beside the avatar field, which points at it.
    const reason = form?.querySelector(".avatar-field #avatar-error[role=alert]");
    expect(reason?.textContent).toBe("That picture is too large: at most 2 MB.");
    expect(form?.querySelector("#avatar")?.getAttribute("aria-describedby")).toContain("avatar-error");
    expect(folder.onDisk()).toEqual([]);
    expect(await deps.store.users.findByUsername("alice")).toMatchObject({ displayName: null, bio: "", avatar: null });
  });

  it("answers a picture past even the profile's body limit with the settings page too, saving nothing", async () => {
    const { alice, deps } = await setup();
    const refused = await postProfile(
      alice,
      { display_name: "Alice" },
      { bytes: padded(bodySizes.profile + 1), name: "huge.png" },
    );
    expect(refused.status).toBe(413);
    const settings = await page(refused);
    expect(settings.querySelector("header nav a[href='/settings']")).not.toBeNull();
    expect(settings.querySelector(".avatar-field #avatar-error")?.textContent).toBe(
      "That picture is too large: at most 2 MB. Nothing was saved: enter your changes again.",
    );
    expect(folder.onDisk()).toEqual([]);
    expect(await deps.store.users.findByUsername("alice")).toMatchObject({ displayName: null, avatar: null });
  });

  it("refuses a display name of two lines or over 64 characters, and a bio over 255", async () => {
    const { alice, deps } = await setup();
    const cases = [
      [{ display_name: "Alice\nLiddell" }, "A display name is one line of text."],
      [{ display_name: "A".repeat(65) }, "Display names are at most 64 characters."],
      [{ bio: "b".repeat(256) }, "A bio is at most 255 characters."],
    ] as const;
    for (const [fields, error] of cases) {
      const refused = await postProfile(alice, fields, { bytes: images.gif.bytes, name: "a.gif" });
      expect(refused.status).toBe(422);
      expect((await page(refused)).querySelector("[role=alert]")?.textContent).toBe(error);
    }
    expect((await postProfile(alice, { display_name: "A".repeat(64), bio: "b".repeat(255) })).status).toBe(303);
    // A refused form stored nothing, not even the image sent with it.
    expect(folder.onDisk()).toEqual([]);
    expect((await deps.store.users.findByUsername("alice"))?.avatar).toBeNull();
  });

  it("refuses a display name with invisible or text-direction characters, keeping what was typed", async () => {
    const { alice, deps } = await setup();
    for (const name of ["Ali\u200bce", "\u202Eecila", "Alice\u2066", "Ali\ufeffce", "Al\u00adice"]) {
      const refused = await postProfile(alice, { display_name: name });
      expect(refused.status, JSON.stringify(name)).toBe(422);
      const form = await page(refused);
      expect(form.querySelector("[role=alert]")?.textContent).toBe(
        "A display name cannot hold invisible or text-direction characters.",
      );
      expect(form.querySelector("input[name=display_name]")?.getAttribute("value")).toBe(name.trim());
    }
    expect((await deps.store.users.findByUsername("alice"))?.displayName).toBeNull();
    // An emoji joined from several (a family, a flag) is one picture, not a hidden character.
    expect((await postProfile(alice, { display_name: "Alice \u{1F468}\u200D\u{1F469}\u200D\u{1F467}" })).status).toBe(
      303,
    );
  });

  it("is refused from another site, like every other settings form", async () => {
    const { alice } = await setup();
    const form = new FormData();
    form.set("display_name", "Mallory was here");
    const forged = await alice.request("/settings/profile", {
      method: "POST",
      body: form,
      headers: { origin: "https://evil.example" },
    });
    expect(forged.status).toBe(403);
    expect((await profileForm(alice))?.querySelector("input[name=display_name]")?.getAttribute("value")).toBe("");
  });

  it("sends a visitor with no session to log in", async () => {
    const { app } = await setup();
    const response = await postProfile(browser(app), { display_name: "Nobody" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(/^\/login/);
  });
});

describe("a full disk", () => {
  const full = tempFilesFolder(diskFullWrite);

  it("refuses the avatar with a clear message, storing nothing, and keeps what was typed", async () => {
    const { app, deps } = await createTestApp({ files: full.files });
    const alice = await signUp(browser(app), "alice");
    const refused = await postProfile(alice, { display_name: "Alice" }, { bytes: images.png.bytes, name: "me.png" });
    expect(refused.status).toBe(507);
    const form = (await page(refused)).querySelector("form[action='/settings/profile']");
    expect(form?.querySelector("[role=alert]")?.textContent).toBe(
      "The server's disk is full, so your picture was not saved. Try again later.",
    );
    expect(form?.querySelector("input[name=display_name]")?.getAttribute("value")).toBe("Alice");
    expect(full.onDisk()).toEqual([]);
    expect(await deps.store.files.find(sha256(images.png.bytes))).toBeNull();
    expect(await deps.store.users.findByUsername("alice")).toMatchObject({ displayName: null, avatar: null });
  });
});
