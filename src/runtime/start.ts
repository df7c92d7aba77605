import { type Config, ConfigError, loadSettings } from "../config.ts";
import { helpText, parseFlags } from "../flags.ts";

/**
 * The settings every entry starts from: flags over environment. `--help` and `--version`
 * print and exit here, so each runtime's entry only ever sees a valid Config.
 */
export function readSettings(version: string): Config {
  const invocation = parseFlags(process.argv.slice(2));
  if ("help" in invocation) exit(helpText(version), 0);
  if ("version" in invocation) exit(version, 0);
  if ("error" in invocation) throw new ConfigError(invocation.error);
  return loadSettings(invocation.run);
}

/** Runs an entry's main: a bad setting is one clear message and exit code 1, not a stack trace. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error) => {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  });
}

function exit(text: string, code: number): never {
  console.log(text);
  process.exit(code);
}
