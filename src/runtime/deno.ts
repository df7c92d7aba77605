import { getConnInfo, upgradeWebSocket } from "hono/deno";
import { portablePasswords } from "../accounts/passwords.ts";
import { createApp } from "../app.tsx";
import { openSqlite } from "../store/drivers/deno.ts";
import { serveStatic } from "./disk-static.ts";
import { drain } from "./drain.ts";
import { inFlight } from "./in-flight.ts";
import { openSockets } from "./open-sockets.ts";
import { createSocketSetFanout } from "./socket-set-fanout.ts";
import { openParts, runMain } from "./start.ts";

/** Deno entry: SQLite through node:sqlite (drizzle's proxy), sockets through Deno.upgradeWebSocket. */
async function main() {
  const { config, deps, close, version } = await openParts(openSqlite);
  const sockets = openSockets();

  const app = createApp({
    ...deps,
    fanout: createSocketSetFanout(),
    passwords: portablePasswords,
    upgradeWebSocket: sockets.track(upgradeWebSocket),
    serveStatic,
    // Deno.serve hands its connection info to fetch as the second argument.
    remoteAddress: (c) => getConnInfo(c).remote.address,
  });

  const requests = inFlight(app.fetch);
  const server = Deno.serve(
    {
      port: config.PORT,
      onListen: ({ port }) => console.log(`Parley ${version} (Deno) listening on http://localhost:${port}`),
    },
    requests.fetch,
  );

  // shutdown() would cut off a request body still arriving: let those requests finish first.
  const stopAccepting = async () => {
    await requests.finish();
    await server.shutdown();
  };
  const stop = async () => {
    await drain({ stopAccepting, sockets, close });
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
}

runMain(main);
