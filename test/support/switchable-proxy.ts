import { createServer, type Socket, connect as tcpConnect } from "node:net";

/**
 * A load balancer in miniature: TCP on a port of its own, each new connection passed to the
 * instance `to` names at that moment (connections already open stay where they are). A browser
 * that reconnects can thus land on another instance of the same site, as behind a real one.
 */
export async function switchableProxy(to: number) {
  let target = to;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = tcpConnect(target, "127.0.0.1");
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("close", () => open.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("proxy has no port");
  return {
    /** The site's address as a browser sees it (the instances' own Host checks see this too). */
    url: `http://localhost:${address.port}`,
    /** Sends new connections to the instance on `port`. */
    switchTo(port: number) {
      target = port;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
