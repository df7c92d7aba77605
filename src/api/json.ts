import type { Message, RoomActivity } from "../store/records.ts";

/** The JSON shapes of the API: explicit, so a store change cannot leak a column. */
export const messageJson = (message: Message) => ({
  id: message.id,
  body: message.body,
  createdAt: message.createdAt.toISOString(),
  author: { username: message.author.username },
  ...(message.image && {
    image: { url: `/files/${message.image.name}`, width: message.image.width, height: message.image.height },
  }),
});

export const roomJson = (room: RoomActivity) => ({
  slug: room.slug,
  name: room.name,
  url: `/rooms/${room.slug}`,
  createdAt: room.createdAt.toISOString(),
  lastMessageAt: room.lastMessage?.createdAt.toISOString() ?? null,
});
