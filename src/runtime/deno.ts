import pkg from "../../package.json" with { type: "json" };
import { announce } from "../logs/logger.ts";
import { parleyOnDeno } from "./deno-kit.ts";
import { drain, drainParts } from "./drain.ts";
import { inFlight } from "./in-flight.ts";
import { readSettings, runMain, standaloneOptions } from "./start.ts";

/** Deno entry: the kit on its own, with Parley's accounts, at the root of its own server. */
async function main() {
  const config = readSettings();
  const parley = await parleyOnDeno(standaloneOptions(config));
  const requests = inFlight(parley.app.fetch);
  const server = Deno.serve(
    {
      port: config.PORT,
      onListen: ({ port }) =>
        announce(
          parley.log,
          { version: pkg.version, runtime: "deno" },
          `Parley ${pkg.version} (Deno) listening on http://localhost:${port}`,
        ),
    },
    requests.fetch,
  );

  // shutdown() would cut off a request body still arriving: let those requests finish first.
  const stopAccepting = async () => {
    await requests.finish();
    await server.shutdown();
  };
  const stop = async () => {
    await drain({ ...drainParts(parley, config), stopAccepting });
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
}

runMain(main);
