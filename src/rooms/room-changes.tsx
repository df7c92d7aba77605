import { render } from "../../views/render.ts";
import { MembersChanged, RoomChanged, RoomListed } from "../../views/rooms/room-changes.tsx";
import { roomTopic } from "../delivery/topics.ts";
import type { Room, RoomMember, RoomRole } from "../store/records.ts";
import type { Chat } from "./chat.ts";

type Changes = Pick<Chat, "channels" | "activity" | "paths">;
type RoomChanges = Changes & Pick<Chat, "roomRecords">;

/**
 * The room's name or topic changed: its open pages get the new header and sidebar entry, and
 * (when renamed) every other page that lists it its new name; each fragment rendered once.
 * Every instance's sockets take the new record, so they name the room anew from here on.
 */
export async function broadcastRoomChange(chat: RoomChanges, room: Room, { renamed }: { renamed: boolean }) {
  chat.roomRecords.announce(room);
  chat.channels.publish(roomTopic(room), await render(<RoomChanged room={room} />, chat.paths));
  if (renamed) chat.activity.relist(room.id, await render(<RoomListed room={room} />, chat.paths));
}

/**
 * Someone added, removed, banned or given a role by the room's owners: the count (and the row
 * everyone sees alike) on the room's open pages and member lists. Presence does the same for
 * people arriving.
 */
export async function broadcastMembers(
  chat: Changes & Pick<Chat, "store">,
  room: { id: number },
  change: { added?: RoomMember; removed?: { id: number }; role?: { id: number; role: RoomRole } } = {},
) {
  const members = await chat.store.rooms.memberCount(room.id);
  chat.channels.publish(
    roomTopic(room),
    await render(<MembersChanged room={room} members={members} {...change} />, chat.paths),
  );
}
