import pkg from "../../package.json" with { type: "json" };
import { announce } from "../logs/logger.ts";
import { backupCommand } from "./bun-backup.ts";
import { parleyOnBun } from "./bun-kit.ts";
import { drain, drainParts } from "./drain.ts";
import { readSettings, runMain, standaloneOptions } from "./start.ts";

/** Bun entry: the kit on its own, with Parley's accounts, at the root of its own server. */
async function main() {
  const config = readSettings();
  const parley = await parleyOnBun(standaloneOptions(config));
  const server = Bun.serve({ port: config.PORT, fetch: parley.app.fetch, websocket: parley.websocket });
  announce(
    parley.log,
    { version: pkg.version, runtime: "bun" },
    `Parley ${pkg.version} listening on http://localhost:${server.port}`,
  );

  const stop = async () => {
    await drain({ ...drainParts(parley, config), stopAccepting: () => server.stop() });
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

// `parley backup --to <folder>`: the binary's one subcommand, beside serving.
runMain(process.argv[2] === "backup" ? () => backupCommand(process.argv.slice(3)) : main);
