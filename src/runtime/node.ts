import { serve } from "@hono/node-server";
import pkg from "../../package.json" with { type: "json" };
import { announce } from "../logs/logger.ts";
import { drain, drainParts } from "./drain.ts";
import { parleyOnNode } from "./node-kit.ts";
import { renderWithoutAsyncStorage } from "./node-render-storage.ts";
import { readSettings, runMain, standaloneOptions } from "./start.ts";

/** Node entry: the kit on its own, with Parley's accounts, at the root of its own server. */
async function main() {
  renderWithoutAsyncStorage();
  const config = readSettings();
  const parley = await parleyOnNode(standaloneOptions(config));
  const server = serve({ fetch: parley.app.fetch, port: config.PORT }, (info) =>
    announce(
      parley.log,
      { version: pkg.version, runtime: "node" },
      `Parley ${pkg.version} (Node) listening on http://localhost:${info.port}`,
    ),
  );
  parley.injectWebSocket(server);

  const stopAccepting = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive connections with no request in flight would hold close() open.
      if ("closeIdleConnections" in server) server.closeIdleConnections();
    });
  const stop = async () => {
    await drain({ ...drainParts(parley, config), stopAccepting });
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

runMain(main);
