import pLimit from "p-limit";
import type { Passwords } from "./passwords.ts";

/**
 * At most `slots` hashes at a time, the rest waiting their turn: a hash holds its memory for as
 * long as it runs (argon2id 64 MiB, scrypt 16 MiB), so ten log-ins at once took 640 MiB, and more
 * at once than there are cores finish no sooner. Runtimes pass their core count.
 */
export function boundedPasswords(passwords: Passwords, slots: number): Passwords {
  const limit = pLimit(Math.max(1, slots));
  return {
    hash: (password) => limit(() => passwords.hash(password)),
    verify: (password, hash) => limit(() => passwords.verify(password, hash)),
  };
}
