import { boundedPasswords } from "../accounts/bounded-passwords.ts";
import { isScryptHash, type Passwords, scryptPasswords } from "../accounts/passwords.ts";

/** argon2id, native in Bun, one hash per core at a time; scrypt hashes written by another runtime still verify. */
export const bunPasswords: Passwords = boundedPasswords(
  {
    hash: (password) => Bun.password.hash(password, { algorithm: "argon2id" }),
    async verify(password, hash) {
      if (isScryptHash(hash)) return scryptPasswords.verify(password, hash);
      return Bun.password.verify(password, hash).catch(() => false);
    },
  },
  navigator.hardwareConcurrency,
);
