import { afterAll, beforeAll } from "vitest";
import { type Client, openRoomSocket, signUpOver } from "./client.ts";
import { type RunningServer, removeDataDir, startServer } from "./server.ts";

/**
 * A running server with alice and bob signed up and a room "General", for the length of a
 * describe block. Fields are filled in by beforeAll; `server` may be replaced (restarts).
 */
export function roomServer() {
  const room = {} as {
    server: RunningServer;
    alice: Client;
    bob: Client;
    slug: string;
    /** An open, admitted socket of `client` in the room (subscribed once the server has joined it). */
    socket: (client: Client, query?: string) => Promise<ReturnType<typeof openRoomSocket>>;
  };
  beforeAll(async () => {
    room.server = await startServer();
    [room.alice, room.bob] = await Promise.all([
      signUpOver(room.server.url, "alice"),
      signUpOver(room.server.url, "bob"),
    ]);
    room.slug = await room.alice.createRoom("General");
    room.socket = async (client, query = "") => {
      const url = room.server.url;
      const socket = openRoomSocket(url, room.slug, { cookie: client.cookie, origin: url }, query);
      await socket.opened;
      return socket;
    };
  });
  afterAll(async () => {
    await room.server.stop();
    removeDataDir(room.server);
  });
  return room;
}
