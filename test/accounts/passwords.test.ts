import { describe, expect, it } from "vitest";
import { portablePasswords } from "../../src/accounts/passwords.ts";

// Written by Bun.password.hash("a long enough secret", { algorithm: "argon2id" }).
const fromBun =
  "$argon2id$v=19$m=65536,t=2,p=1$ECQUyt1D4xDv3JiUxmvN/Z64xlfKk57yDpPWASHWkxM$54l0FMFj+QC/LPqY2yBI1qlwjR0hhovNVegSsHFjLh0";

describe("passwords on Node and Deno", () => {
  it("hash with scrypt and verify their own hashes", async () => {
    const hash = await portablePasswords.hash("correct horse battery");
    expect(hash).toMatch(/^\$scrypt\$/);
    expect(await portablePasswords.verify("correct horse battery", hash)).toBe(true);
    expect(await portablePasswords.verify("wrong horse battery", hash)).toBe(false);
  });

  it("verify the argon2id hashes Bun wrote, so a database can move between runtimes", async () => {
    expect(await portablePasswords.verify("a long enough secret", fromBun)).toBe(true);
    expect(await portablePasswords.verify("another secret", fromBun)).toBe(false);
  });

  it("refuse what they cannot read", async () => {
    expect(await portablePasswords.verify("a long enough secret", "$bcrypt$nonsense")).toBe(false);
  });
});
