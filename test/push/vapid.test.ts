import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { vapidKeys, vapidSubject } from "../../src/push/vapid.ts";
import { openSqlite } from "../../src/store/drivers/node.ts";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("the deployment's VAPID keys", () => {
  it("are made once and shared by every instance on the database", async () => {
    const folder = mkdtempSync(join(tmpdir(), "parley-vapid-"));
    folders.push(folder);
    const [one, two] = await Promise.all([
      openSqlite(join(folder, "parley.db")),
      openSqlite(join(folder, "parley.db")),
    ]);
    const [a, b] = await Promise.all([vapidKeys(one)(), vapidKeys(two)()]);
    expect(a).toEqual(b);
    expect(Buffer.from(a.publicKey, "base64url")).toHaveLength(65);
    expect(Buffer.from(a.privateKey, "base64url")).toHaveLength(32);
    await one.close();
    await two.close();
  });
});

describe("the subject told to push services", () => {
  it("is PUSH_SUBJECT, else an https PUBLIC_ORIGIN, else a mailto: at its host", () => {
    expect(vapidSubject(loadConfig({ PUSH_SUBJECT: "mailto:ops@chat.example" }))).toBe("mailto:ops@chat.example");
    expect(vapidSubject(loadConfig({ PUBLIC_ORIGIN: "https://chat.example/x" }))).toBe("https://chat.example");
    expect(vapidSubject(loadConfig({ PUBLIC_ORIGIN: "http://chat.internal:3000" }))).toBe(
      "mailto:parley@chat.internal",
    );
    expect(vapidSubject(loadConfig({}))).toBe("mailto:parley@localhost");
  });

  it("refuses a PUSH_SUBJECT push services would refuse, by name", () => {
    expect(() => loadConfig({ PUSH_SUBJECT: "http://chat.example" })).toThrow(ConfigError);
    expect(() => loadConfig({ PUSH_SUBJECT: "ops@chat.example" })).toThrow(/PUSH_SUBJECT/);
  });
});
