import type { TargetRef } from "../job.ts";
import { parleySetup } from "./parley-accounts.ts";
import { type Connection, connect } from "./wire.ts";

export interface Client {
  room: number;
  index: number;
  connection: Connection;
}

/** Parley accounts to sign up: a real user per client in small runs, shared sessions past that. */
const maxParleyUsers = 32;

/**
 * Opens rooms × perRoom sockets (a few hundred handshakes in flight at most); the clients of
 * room r talk to instance r mod n. `onText` gets every delivered text with its receiver.
 */
export async function openClients(
  target: TargetRef,
  rooms: number,
  perRoom: number,
  onText: (client: Client, text: string) => void,
): Promise<Client[]> {
  const total = rooms * perRoom;
  const parley =
    target.wire === "parley"
      ? await parleySetup(target.urls[0] as string, Math.min(total, maxParleyUsers), rooms)
      : null;
  const clients: Client[] = [];
  const inFlight = 200;
  for (let start = 0; start < total; start += inFlight) {
    const batch = [];
    for (let i = start; i < Math.min(total, start + inFlight); i++) {
      const room = i % rooms;
      const client = { room, index: i } as Client;
      batch.push(
        connect({
          wire: target.wire,
          url: target.urls[room % target.urls.length] as string,
          room: parley ? (parley.slugs[room] as string) : `room-${room}`,
          cookie: parley?.cookies[i % parley.cookies.length],
          onText: (text) => onText(client, text),
        }).then((connection) => {
          client.connection = connection;
          clients.push(client);
        }),
      );
    }
    await Promise.all(batch);
  }
  // A room's fan-out is only complete once every member is subscribed: Parley subscribes after the open.
  await settle(target);
  return clients;
}

/** Lets the server finish subscribing the last sockets (Parley joins rooms asynchronously after the open). */
const settle = (target: TargetRef) => Bun.sleep(target.wire === "parley" ? 300 : 50);

export const closeAll = (clients: Client[]) => {
  for (const client of clients) client.connection.close();
};
