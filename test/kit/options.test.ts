import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createParley } from "../../src/runtime/node-kit.ts";

/** A host's mistakes in createParley's options: named as the host wrote them, before anything is opened. */
describe("createParley's options", () => {
  const folders: string[] = [];
  const fresh = () => {
    const folder = join(mkdtempSync(join(tmpdir(), "parley-options-")), "data");
    folders.push(folder);
    return folder;
  };
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(join(folder, ".."), { recursive: true, force: true });
  });

  it("names every bad option at once, and opens nothing", async () => {
    const dataDir = fresh();
    const failed = createParley({
      dataDir,
      redisUrl: "localhost:6379",
      basePath: "/chat/",
      identify: () => null,
      trustProxy: -1,
      metricsToken: "short",
      // @ts-expect-error: a level pino does not have, as a JavaScript host could pass it
      logLevel: "verbose",
    });
    await expect(failed).rejects.toThrow(/Invalid Parley options/);
    const message = await failed.catch((error: Error) => error.message);
    expect(message).toMatch(/redisUrl: must start with redis:\/\//);
    expect(message).toMatch(/trustProxy:/);
    expect(message).toMatch(/metricsToken: must be at least 16 characters/);
    expect(message).toMatch(/logLevel: must be one of/);
    expect(message).toMatch(/signInUrl: required with identify/);
    expect(message).toMatch(/basePath: must be "" or start with "\/"/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it("takes one Redis or a cluster, not both, and names the options as the host wrote them", async () => {
    const dataDir = fresh();
    const both = createParley({ dataDir, redisUrl: "redis://a:6379", redisClusterNodes: ["b:6379"] });
    await expect(both).rejects.toThrow(/redisClusterNodes: set either redisUrl \(one Redis\) or redisClusterNodes/);
    const bad = createParley({ dataDir, redisClusterNodes: ["b"] });
    await expect(bad).rejects.toThrow(/redisClusterNodes: must be host:port/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it("takes a sign-in page only as a path or an http(s) address", async () => {
    for (const signInUrl of ["javascript:alert(1)", "//evil.example/login", "login"]) {
      await expect(createParley({ dataDir: fresh(), identify: () => null, signInUrl }), signInUrl).rejects.toThrow(
        /signInUrl: must be a path like "\/sign-in" or an http\(s\) URL/,
      );
    }
  });

  it("names what a partial bucket lacks, in the option's own words", async () => {
    const dataDir = fresh();
    const objectStorage = { bucket: "uploads", endpoint: "ftp://s3.example" } as never;
    const message = await createParley({ dataDir, objectStorage }).catch((error: Error) => error.message);
    expect(message).toMatch(/objectStorage\.endpoint: must be an http:\/\/ or https:\/\/ URL/);
    expect(message).toMatch(
      /objectStorage\.accessKeyId: required for object storage \(objectStorage\.bucket, objectStorage\.endpoint set\)/,
    );
    expect(message).toMatch(/objectStorage\.secretAccessKey: required/);
    expect(message).not.toMatch(/S3_/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it("opens and closes with none at all but where to keep its data", async () => {
    const parley = await createParley({ dataDir: fresh() });
    expect((await parley.app.request("/healthz")).status).toBe(200);
    await parley.close();
  });
});
