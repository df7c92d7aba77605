import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { fileName, type ImageType } from "../files/image-rules.ts";
import type { Message, StoredImage } from "./records.ts";
import { files, messages, users } from "./schema.ts";
import { linkedImage } from "./user-columns.ts";

/** The files table twice: once for the author's avatar, once for the message's image. */
const avatarFile = alias(files, "avatar_file");
const imageFile = alias(files, "image_file");

/**
 * What every message query selects, with `messageJoins` (the author; then left joins, since most
 * people have no avatar and most messages no image): all the message partial shows.
 */
export const messageColumns = {
  id: messages.id,
  roomId: messages.roomId,
  body: messages.body,
  createdAt: messages.createdAt,
  seq: messages.seq,
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
};

export const messageJoins = {
  author: [users, eq(users.id, messages.userId)],
  avatar: [avatarFile, eq(avatarFile.hash, users.avatar)],
  image: [imageFile, eq(imageFile.hash, messages.image)],
} as const;

/** A file row's columns as pages link to it, or null when the left join found none. */
export const storedImage = (
  hash: string | null,
  type: string | null,
  width: number | null,
  height: number | null,
): StoredImage | null =>
  hash && type ? { name: fileName(hash, type as ImageType), width: width ?? 0, height: height ?? 0 } : null;

type MessageRow = { [K in keyof typeof messageColumns]: (typeof messageColumns)[K]["_"]["data"] | null } & {
  id: number;
  roomId: number;
  body: string;
  createdAt: Date;
  seq: number;
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
});
