/**
 * The ceiling: a bare Bun server that subscribes each socket to its room and publishes every
 * text it gets to that room, sender included (Parley's and Socket.IO's semantics). No storage,
 * no HTML, no validation: the most any Bun chat server can deliver on this machine.
 */
const server = Bun.serve<{ room: string }>({
  port: Number(process.env.PORT ?? 0),
  fetch(request, server) {
    const room = new URL(request.url).searchParams.get("room") ?? "lobby";
    if (server.upgrade(request, { data: { room } })) return undefined;
    return new Response("a WebSocket server", { status: 426 });
  },
  websocket: {
    open: (ws) => void ws.subscribe(ws.data.room),
    message: (ws, text) => void server.publish(ws.data.room, text),
    idleTimeout: 120,
  },
});
console.log(`ceiling listening on http://localhost:${server.port}`);
process.on("SIGTERM", () => process.exit(0));
