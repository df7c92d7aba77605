import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/** Slow password hashing; each runtime supplies the best it has (Bun: argon2id natively). */
export interface Passwords {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}

const cost = { N: 16384, r: 8, p: 1, keylen: 32 };

const scryptAsync = (password: string, salt: Buffer, N: number, r: number, p: number, keylen: number) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, keylen, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );

/** scrypt from node:crypto (Node, Deno and Bun all have it), stored as `$scrypt$N=..,r=..,p=..$salt$key`. */
export const scryptPasswords: Passwords = {
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

export const isScryptHash = (hash: string) => hash.startsWith("$scrypt$");
