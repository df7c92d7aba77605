import { backUp } from "../backup/backup.ts";
import { ConfigError, loadSettings } from "../config.ts";
import { backupHelpText, parseBackupFlags } from "../flags.ts";
import { vacuumInto } from "../store/drivers/bun-backup.ts";

/**
 * `parley backup …` in the binary and `npm run backup -- …`: the arguments after the word
 * `backup`. A refusal is a ConfigError (one line, exit code 1, by runMain).
 */
export async function backupCommand(args: readonly string[]): Promise<void> {
  const invocation = parseBackupFlags(args);
  if ("help" in invocation) {
    console.log(backupHelpText);
    return;
  }
  if ("error" in invocation) throw new ConfigError(`backup: ${invocation.error}`);
  const config = loadSettings(invocation.backup.settings);
  const started = performance.now();
  const report = await backUp(config, invocation.backup.to, vacuumInto);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Backed up ${config.DATA_DIR} into ${report.to} in ${seconds} s: the database (${report.databaseBytes} bytes) and ${report.files} other files.`,
  );
  if (report.bucket)
    console.log(`Uploads are in bucket ${report.bucket}, which this backup does not copy (docs/operating.md).`);
  console.log(`To restore: stop Parley, then start it with DATA_DIR=${report.to} (or move the folder into place).`);
}
