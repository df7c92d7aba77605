// The alternative many would pick: Socket.IO 4 on Node, the same room semantics as Parley
// (join a room, emit a message, broadcast it to the room, sender included). WebSocket
// transport only, so the load generator speaks to it over the same kind of socket.
import { createServer } from "node:http";
import { Server } from "socket.io";

const http = createServer();
const io = new Server(http, { transports: ["websocket"], serveClient: false });
io.on("connection", (socket) => {
  const room = String(socket.handshake.query.room ?? "lobby");
  socket.join(room);
  socket.on("message", (text) => io.to(room).emit("message", text));
});
http.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`socket.io listening on http://localhost:${http.address().port}`);
});
process.on("SIGTERM", () => process.exit(0));
