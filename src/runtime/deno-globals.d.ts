// The few Deno APIs deno.ts uses, so `tsc` checks it without Deno's own type library.
declare namespace Deno {
  interface ServeOptions {
    port?: number;
    onListen?: (address: { hostname: string; port: number }) => void;
  }
  interface HttpServer {
    shutdown(): Promise<void>;
  }
  interface ServeHandlerInfo {
    remoteAddr: { hostname: string; port: number; transport: string };
  }
  function serve(
    options: ServeOptions,
    handler: (request: Request, info: ServeHandlerInfo) => Response | Promise<Response>,
  ): HttpServer;
  function addSignalListener(signal: "SIGINT" | "SIGTERM", handler: () => void): void;
  function exit(code?: number): never;
}
