import type { Paths } from "../../views/paths.ts";
import type { Message, RoomActivity } from "../store/records.ts";

/**
 * The JSON shapes of the API: explicit, so a store change cannot leak a column. Their `url`s
 * are paths under the app's base path ("/rooms/general" standalone, "/chat/rooms/general" mounted).
 */
export const messageJson = (message: Message, paths: Paths, viewer?: number) => ({
  id: message.id,
  body: message.body,
  createdAt: message.createdAt.toISOString(),
  author: { username: message.author.username },
  ...(message.image && {
    image: { url: paths.to(`/files/${message.image.name}`), width: message.image.width, height: message.image.height },
  }),
  // The contract spells these three in snake case (DESIGN.md, "Public routes").
  edited_at: message.editedAt?.toISOString() ?? null,
  reply_to: message.replyTo?.id ?? null,
  reactions: Object.fromEntries(
    message.reactions.map(({ emoji, people }) => [
      emoji,
      { count: people.length, me: people.some((person) => person.id === viewer) },
    ]),
  ),
});

export const roomJson = (room: RoomActivity, paths: Paths) => ({
  slug: room.slug,
  name: room.name,
  visibility: room.visibility,
  url: paths.to(`/rooms/${room.slug}`),
  createdAt: room.createdAt.toISOString(),
  lastMessageAt: room.lastMessage?.createdAt.toISOString() ?? null,
});
