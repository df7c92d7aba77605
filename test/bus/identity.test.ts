import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { busIdentity } from "../../src/bus/identity.ts";
import { openSqlite } from "../../src/store/drivers/node.ts";

describe("a deployment's identity on the bus", () => {
  const folders: string[] = [];
  const folder = () => {
    const path = mkdtempSync(join(tmpdir(), "parley-identity-"));
    folders.push(path);
    return join(path, "parley.db");
  };
  afterAll(() => {
    for (const path of folders) rmSync(path, { recursive: true, force: true });
  });

  it("is one for every instance starting together on one new database, and another for another database", async () => {
    const shared = folder();
    const instances = await Promise.all([openSqlite(shared), openSqlite(shared), openSqlite(shared)]);
    const identities = await Promise.all(instances.map((store) => busIdentity(store)));
    const [first] = identities;
    expect(first?.namespace).toMatch(/^parley-[0-9a-f]{16}$/);
    for (const identity of identities) expect(identity).toEqual(first);

    const other = await openSqlite(folder());
    const elsewhere = await busIdentity(other);
    expect(elsewhere.namespace).not.toBe(first?.namespace);
    expect(Buffer.from(elsewhere.key).equals(Buffer.from(first?.key ?? []))).toBe(false);

    // Kept: the same after a restart.
    await instances[0]?.close();
    const restarted = await openSqlite(shared);
    expect(await busIdentity(restarted)).toEqual(first);
    for (const store of [...instances.slice(1), other, restarted]) await store.close();
  });

  it("takes its namespace from BUS_NAMESPACE when set, keeping the database's key", async () => {
    const store = await openSqlite(folder());
    const generated = await busIdentity(store);
    expect(await busIdentity(store, "chat-prod")).toEqual({ namespace: "chat-prod", key: generated.key });
    await store.close();
  });
});
