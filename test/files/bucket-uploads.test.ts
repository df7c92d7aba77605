import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caller, signUp } from "../../scripts/parley-http.ts";
import { bucketFolder } from "../../src/files/bucket-folder.ts";
import { images, sha256 } from "../support/files.ts";
import { fragment } from "../support/html.ts";
import { requirement } from "../support/requirement.ts";
import { type LocalS3, startLocalS3 } from "../support/s3.ts";
import { launches, type RunningServer, removeDataDir, startServer } from "../support/server.ts";

const multipart = (
  fields: Record<string, string>,
  file: { field: string; bytes: Uint8Array; name: string; type: string },
) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  form.set(file.field, new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type }));
  return { method: "POST", body: form };
};

const deno = requirement(existsSync(launches.deno.command), `Deno (${launches.deno.command})`);

/** The standalone server with the S3_* settings, on each runtime: uploads live in the bucket, none on its disk. */
describe.each([
  { runtime: "Bun", launch: launches.bun, skip: false },
  { runtime: "Node", launch: launches.node, skip: false },
  { runtime: "Deno", launch: launches.deno, skip: deno.skip },
])("uploads in a bucket on $runtime", ({ launch, skip }) => {
  let s3: LocalS3;
  let server: RunningServer;
  beforeAll(async () => {
    if (skip) return;
    s3 = await startLocalS3();
    server = await startServer({ env: s3.env, launch });
  });
  afterAll(async () => {
    await server?.stop();
    if (server) removeDataDir(server);
    await s3?.close();
  });

  it.skipIf(skip)(
    "round-trips an avatar through the bucket, served by Parley, with nothing in DATA_DIR/files",
    async () => {
      const cookie = await signUp(server.url, "alice");
      const alice = caller(server.url, cookie);
      const saved = await alice(
        "/settings/profile",
        multipart({ display_name: "Alice", bio: "" }, { field: "avatar", ...images.png, name: "me.png" }),
      );
      expect(saved.status).toBe(303);

      const address = `/files/${sha256(images.png.bytes)}.png`;
      const profile = fragment(await (await caller(server.url)("/u/alice")).text());
      expect(profile.querySelector(`img[src="${address}"]`)).not.toBeNull();
      const served = await caller(server.url)(address);
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe("image/png");
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(images.png.bytes);

      expect(existsSync(join(server.dataDir, "files"))).toBe(false);
      expect(await bucketFolder(s3.storage).read(`${sha256(images.png.bytes)}.png`)).toEqual(images.png.bytes);
    },
  );

  it.skipIf(skip)("keeps a private room's image to its members, as on disk", async () => {
    const cookie = await signUp(server.url, "bob");
    const bob = caller(server.url, cookie);
    const slug = await createRoomOf(server.url, cookie, "Plans");
    const posted = await bob(
      `/rooms/${slug}/messages`,
      multipart({ body: "the map" }, { field: "image", ...images.gif, name: "map.gif" }),
    );
    expect(posted.status).toBeLessThan(400);
    const address = `/files/${sha256(images.gif.bytes)}.gif`;
    expect(new Uint8Array(await (await bob(address)).arrayBuffer())).toEqual(images.gif.bytes);
    const stranger = caller(server.url, await signUp(server.url, "carol"));
    expect((await stranger(address)).status).toBe(404);
    expect((await caller(server.url)(address)).status).toBe(404);
    expect(existsSync(join(server.dataDir, "files"))).toBe(false);
  });
});

/** A private room, made through the create-room form. */
async function createRoomOf(url: string, cookie: string, name: string) {
  const response = await caller(url, cookie)("/rooms", {
    method: "POST",
    body: new URLSearchParams({ name, visibility: "private" }),
  });
  const location = response.headers.get("location");
  if (response.status !== 303 || !location) throw new Error(`room ${name} was not created: ${response.status}`);
  return location.replace("/rooms/", "");
}
