/**
 * `npm run backup -- --to <folder>`: an online backup of DATA_DIR (src/backup/backup.ts),
 * the same command as `parley backup` in the binary. Run with Bun (its SQLite driver).
 */
import { backupCommand } from "../src/runtime/bun-backup.ts";
import { runMain } from "../src/runtime/start.ts";

runMain(() => backupCommand(process.argv.slice(2)));
