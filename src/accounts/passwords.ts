import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { argon2Verify } from "hash-wasm";

/** Slow password hashing; each runtime supplies the best it has (Bun: argon2id natively). */
export interface Passwords {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}

const scryptAsync = (password: string, salt: Buffer, N: number, r: number, p: number, keylen: number) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, keylen, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );

/**
 * scrypt from node:crypto (Node, Deno and Bun all have it) at work factor `N`, stored as
 * `$scrypt$N=..,r=..,p=..$salt$key`: a hash verifies at the cost it was made with.
 */
export function scryptPasswordsAt(N: number): Passwords {
  const cost = { N, r: 8, p: 1, keylen: 32 };
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await scryptAsync(password, salt, cost.N, cost.r, cost.p, cost.keylen);
      return `$scrypt$N=${cost.N},r=${cost.r},p=${cost.p}$${salt.toString("base64")}$${key.toString("base64")}`;
    },
    async verify(password, hash) {
      const match = /^\$scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([^$]+)\$([^$]+)$/.exec(hash);
      if (!match) return false;
      const [, N, r, p, salt, key] = match as unknown as [string, string, string, string, string, string];
      const expected = Buffer.from(key, "base64");
      const actual = await scryptAsync(password, Buffer.from(salt, "base64"), +N, +r, +p, expected.length);
      return timingSafeEqual(actual, expected);
    },
  };
}

/** scrypt at N = 16,384 (16 MiB and about 50 ms a hash here): what Node and Deno store. */
export const scryptPasswords = scryptPasswordsAt(16384);

export const isScryptHash = (hash: string) => hash.startsWith("$scrypt$");

/**
 * Node and Deno: new hashes are scrypt (native, fast), and argon2id hashes written by Bun still
 * verify through hash-wasm (WebAssembly), so a database moves between runtimes without locking
 * anyone out. Only verification runs in WebAssembly, once per log-in of an older account.
 */
export const portablePasswords: Passwords = {
  hash: scryptPasswords.hash,
  async verify(password, hash) {
    if (isScryptHash(hash)) return scryptPasswords.verify(password, hash);
    if (!hash.startsWith("$argon2")) return false;
    return argon2Verify({ password, hash }).catch(() => false);
  },
};
