import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { fileName, type ImageType } from "../files/image-rules.ts";
import type { Message, StoredImage } from "./records.ts";
import type { Tables } from "./tables.ts";
import { linkedImage } from "./user-columns.ts";

/**
 * What every message query selects, with `joins` (the author; then left joins, since most
 * people have no avatar and most messages no image): all the message partial shows.
 */
export function messageColumns({ files, messages, users }: Tables) {
  // The files table twice: once for the author's avatar, once for the message's image. An alias
  // is the same proxy in every dialect (drizzle's pg-core and sqlite-core `alias` are one function).
  const avatarFile = alias(files, "avatar_file");
  const imageFile = alias(files, "image_file");
  // A reply's quote: the message it answers and that message's author, both left joins.
  const parent = alias(messages, "parent");
  const parentAuthor = alias(users, "parent_author");
  return {
    columns: {
      id: messages.id,
      roomId: messages.roomId,
      body: messages.body,
      createdAt: messages.createdAt,
      seq: messages.seq,
      editedAt: messages.editedAt,
      deletedAt: messages.deletedAt,
      changeSeq: messages.changeSeq,
      parentId: parent.id,
      parentBody: parent.body,
      parentDeletedAt: parent.deletedAt,
      parentUsername: parentAuthor.username,
      parentDisplayName: parentAuthor.displayName,
      authorId: users.id,
      username: users.username,
      displayName: users.displayName,
      kind: users.kind,
      avatarUrl: users.avatarUrl,
      avatarHash: avatarFile.hash,
      avatarType: avatarFile.type,
      avatarWidth: avatarFile.width,
      avatarHeight: avatarFile.height,
      imageHash: imageFile.hash,
      imageType: imageFile.type,
      imageWidth: imageFile.width,
      imageHeight: imageFile.height,
    },
    joins: {
      author: [users, eq(users.id, messages.userId)],
      avatar: [avatarFile, eq(avatarFile.hash, users.avatar)],
      image: [imageFile, eq(imageFile.hash, messages.image)],
      parent: [parent, eq(parent.id, messages.replyTo)],
      parentAuthor: [parentAuthor, eq(parentAuthor.id, parent.userId)],
    } as const,
  };
}

/** A file row's columns as pages link to it, or null when the left join found none. */
export const storedImage = (
  hash: string | null,
  type: string | null,
  width: number | null,
  height: number | null,
): StoredImage | null =>
  hash && type ? { name: fileName(hash, type as ImageType), width: width ?? 0, height: height ?? 0 } : null;

type Columns = ReturnType<typeof messageColumns>["columns"];
type MessageRow = { [K in keyof Columns]: Columns[K]["_"]["data"] | null } & {
  id: number;
  roomId: number;
  body: string;
  createdAt: Date;
  seq: number;
  changeSeq: number;
  authorId: number;
  username: string;
};

export const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  roomId: row.roomId,
  body: row.body,
  createdAt: row.createdAt,
  seq: row.seq,
  author: {
    id: row.authorId,
    username: row.username,
    displayName: row.displayName,
    kind: row.kind ?? "account",
    avatar:
      storedImage(row.avatarHash, row.avatarType, row.avatarWidth, row.avatarHeight) ?? linkedImage(row.avatarUrl),
  },
  image: storedImage(row.imageHash, row.imageType, row.imageWidth, row.imageHeight),
  editedAt: row.editedAt,
  deletedAt: row.deletedAt,
  changeSeq: row.changeSeq,
  replyTo:
    row.parentId !== null && row.parentUsername !== null
      ? {
          id: row.parentId,
          author: { username: row.parentUsername, displayName: row.parentDisplayName },
          body: row.parentDeletedAt ? "" : (row.parentBody ?? ""),
          deleted: row.parentDeletedAt !== null,
        }
      : null,
  // Filled by the query that read the row (messages.ts `withReactions`): most messages have none.
  reactions: [],
});
