import { describe, expect, it } from "vitest";
import { images, sha256, tempFilesFolder } from "../support/files.ts";
import { fragment } from "../support/html.ts";
import { postProfile } from "../support/profile-form.ts";
import { browser, createTestApp, signUp } from "../support/test-app.ts";

const page = async (response: Response) => fragment(await response.text());

describe("a public profile, /u/:username", () => {
  const folder = tempFilesFolder();

  it("shows the avatar large, the display name over the username, the bio and member since", async () => {
    const { app } = await createTestApp({ files: folder.files });
    const alice = await signUp(browser(app), "alice");
    await postProfile(
      alice,
      { display_name: "Alice Liddell", bio: "Curious.\nVery curious." },
      { bytes: images.gif.bytes, name: "me.gif" },
    );
    const profile = await page(await browser(app).get("/u/alice"));
    const avatar = profile.querySelector(".profile-header img.avatar.avatar-large");
    expect(avatar?.getAttribute("src")).toBe(`/files/${sha256(images.gif.bytes)}.gif`);
    expect(avatar?.getAttribute("width")).toBe("128");
    expect(profile.querySelector("h1")?.textContent).toBe("Alice Liddell");
    expect(profile.querySelector(".username")?.textContent).toBe("@alice");
    // The line break is in the text itself; app.css shows it (white-space: pre-line).
    expect(profile.querySelector(".bio")?.textContent).toBe("Curious.\nVery curious.");
    expect(profile.textContent).toContain("Member since");
  });

  it("shows the username alone and initials on a colour when the person has set nothing", async () => {
    const { app } = await createTestApp({ files: folder.files });
    await signUp(browser(app), "bob_marley");
    const profile = await page(await browser(app).get("/u/bob_marley"));
    expect(profile.querySelector("h1")?.textContent).toBe("bob_marley");
    expect(profile.querySelector(".username")).toBeNull();
    expect(profile.querySelector(".bio")).toBeNull();
    const initials = profile.querySelector("span.avatar");
    expect(initials?.textContent).toBe("BM");
    expect(initials?.getAttribute("class")).toMatch(/^avatar avatar-large hue-\d+$/);
    expect(initials?.getAttribute("aria-hidden")).toBe("true");
  });

  it("escapes the display name and the bio (no markup, no script)", async () => {
    const { app } = await createTestApp({ files: folder.files });
    const mallory = await signUp(browser(app), "mallory");
    const name = '<img src=x onerror="alert(1)">';
    const bio = '</p><script>alert(document.cookie)</script>\n<a href="javascript:alert(1)">hi</a>';
    expect((await postProfile(mallory, { display_name: name, bio })).status).toBe(303);
    const html = await (await browser(app).get("/u/mallory")).text();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain('<a href="javascript');
    const profile = fragment(html);
    expect(profile.querySelector("h1")?.textContent).toBe(name);
    expect(profile.querySelector(".bio")?.textContent).toBe(bio);
    expect(profile.querySelector(".bio *")).toBeNull();
    // And in the settings form, where they are edited.
    const settings = await (await mallory.get("/settings")).text();
    expect(settings).not.toContain("<script>alert");
    expect(settings).not.toContain("<img src=x");
  });
});

describe("a profile keeps its owner's rooms and counts to its owner", () => {
  // Carol has a room with unread messages: a stranger must learn neither that she is in it nor
  // how much she has missed there.
  const carolWithUnread = async () => {
    const { app } = await createTestApp();
    const carol = await signUp(browser(app), "carol");
    const dave = await signUp(browser(app), "dave");
    await dave.postForm("/rooms", { name: "Secret plans", topic: "" });
    await carol.get("/rooms/secret-plans");
    for (const body of ["one", "two", "three"]) {
      expect((await dave.postJson("/api/rooms/secret-plans/messages", { body })).status).toBe(201);
    }
    return { app, carol };
  };

  const expectNoRoomsNorCounts = (html: string) => {
    const profile = fragment(html);
    expect(profile.querySelector("h1")?.textContent).toBe("carol");
    expect(html).not.toContain("Secret plans");
    expect(html).not.toContain("secret-plans");
    expect(profile.querySelector(".profile .unread, .profile .badge, .profile .rooms")).toBeNull();
  };

  it("shows a visitor who is not signed in no rooms and no unread counts", async () => {
    const { app } = await carolWithUnread();
    expectNoRoomsNorCounts(await (await browser(app).get("/u/carol")).text());
  });

  it("shows someone else who is signed in no rooms and no unread counts", async () => {
    const { app } = await carolWithUnread();
    const erin = await signUp(browser(app), "erin");
    expectNoRoomsNorCounts(await (await erin.get("/u/carol")).text());
  });

  it("shows its owner no room list either: their rooms and counts are on home", async () => {
    const { carol } = await carolWithUnread();
    expectNoRoomsNorCounts(await (await carol.get("/u/carol")).text());
  });
});
