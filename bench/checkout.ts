import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "./servers.ts";

/** A checkout of a git ref beside this one, sharing its node_modules (the same dependencies). */
export function checkoutOf(ref: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "parley-checkout-"));
  execFileSync("git", ["worktree", "add", "--detach", dir, ref], { cwd: root, stdio: "ignore" });
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  return {
    dir,
    remove: () => {
      execFileSync("git", ["worktree", "remove", "--force", dir], { cwd: root, stdio: "ignore" });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
