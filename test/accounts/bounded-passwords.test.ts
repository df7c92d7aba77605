import { describe, expect, it } from "vitest";
import { boundedPasswords } from "../../src/accounts/bounded-passwords.ts";
import { type Passwords, scryptPasswordsAt } from "../../src/accounts/passwords.ts";

/** Hashing that finishes when the test says so, telling which hashes have started. */
function heldHashing() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const passwords: Passwords = {
    hash: (password) =>
      new Promise((resolve) => {
        started.push(password);
        finish.set(password, () => resolve(`hashed ${password}`));
      }),
    verify: (password, hash) =>
      new Promise((resolve) => {
        started.push(password);
        finish.set(password, () => resolve(hash === `hashed ${password}`));
      }),
  };
  return { passwords, started, finish: (password: string) => finish.get(password)?.() };
}

describe("password hashing, bounded", () => {
  it("runs as many hashes at a time as it has slots, and starts the next as one finishes", async () => {
    const held = heldHashing();
    const bounded = boundedPasswords(held.passwords, 2);
    const hashes = ["a", "b", "c"].map((password) => bounded.hash(password));
    const check = bounded.verify("d", "hashed d");
    await Promise.resolve();
    expect(held.started).toEqual(["a", "b"]);
    held.finish("b");
    await expect(hashes[1]).resolves.toBe("hashed b");
    await expect.poll(() => held.started).toEqual(["a", "b", "c"]);
    held.finish("a");
    await expect.poll(() => held.started).toEqual(["a", "b", "c", "d"]);
    held.finish("c");
    held.finish("d");
    expect(await Promise.all(hashes)).toEqual(["hashed a", "hashed b", "hashed c"]);
    expect(await check).toBe(true);
  });

  it("hashes and verifies as the passwords it bounds", async () => {
    const bounded = boundedPasswords(scryptPasswordsAt(1024), 1);
    const [one, two] = await Promise.all([bounded.hash("first secret"), bounded.hash("second secret")]);
    expect(await bounded.verify("first secret", one)).toBe(true);
    expect(await bounded.verify("second secret", one)).toBe(false);
    expect(await bounded.verify("second secret", two)).toBe(true);
  });
});
