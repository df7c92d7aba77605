import { firstStored, type MessageAuthor, type Room } from "../../src/store/records.ts";

/** Records as the store hands them out, for a test of one module: plain defaults, any field set. */
export const anAuthor = (fields: Partial<MessageAuthor> = {}): MessageAuthor => ({
  id: 1,
  username: "alice",
  displayName: null,
  avatar: null,
  kind: "account",
  ...fields,
});

export const aRoom = (fields: Partial<Room> = {}): Room => ({
  id: 1,
  slug: "general",
  name: "General",
  topic: "",
  createdBy: 1,
  createdAt: new Date(),
  visibility: "public",
  ...fields,
});

/** A message just stored (no edit, reaction or reply), as `firstStored` builds it. */
export const aMessage = (fields: Partial<Parameters<typeof firstStored>[0]> = {}) =>
  firstStored({
    id: 1,
    roomId: 1,
    body: "hello",
    createdAt: new Date(),
    seq: 1,
    author: anAuthor(),
    image: null,
    replyTo: null,
    ...fields,
  });
