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
export const parleyUsersFor = (clients: number, rooms: number) => Math.min(clients, Math.max(maxParleyUsers, rooms));

/**
 * Who client `k` of room `room` is. People stay in their own room, as most do: with at least as
 * many people as rooms, person u is only ever in room u mod rooms; with fewer, room r is person
 * r mod people's. Spreading each person over every room would make every message update the
 * unread counts of every other socket (thousands of frames per message): a load no real room has.
 */
function personOf(room: number, k: number, people: number, rooms: number): number {
  if (people < rooms) return room % people;
  const inRoom = Math.ceil((people - room) / rooms);
  return room + rooms * (k % inRoom);
}

/**
 * Opens rooms × perRoom sockets (a few hundred handshakes in flight at most); the clients of
 * room r talk to instance r mod n. `onText` gets every delivered text with its receiver.
 */
export async function openClients(
  target: TargetRef,
  rooms: number,
  perRoom: number,
  onText: (client: Client, text: string) => void,
  /** Called once accounts and rooms exist, before the first socket opens. */
  setUp: () => void | Promise<void> = () => {},
  /** Parley: the answer to each keyed send (see Connection.send). */
  onAnswer?: (key: string, acknowledged: boolean) => void,
  /** Parley: a send without a key refused by this client's server (load shedding). */
  onRefused?: (client: Client) => void,
): Promise<Client[]> {
  const total = rooms * perRoom;
  const parley =
    target.wire === "parley"
      ? (target.accounts ?? (await parleySetup(target.urls[0] as string, parleyUsersFor(total, rooms), rooms)))
      : null;
  await setUp();
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
          cookie: parley?.cookies[personOf(room, Math.floor(i / rooms), parley.cookies.length, rooms)],
          onText: (text) => onText(client, text),
          onAnswer,
          onRefused: onRefused && (() => onRefused(client)),
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
