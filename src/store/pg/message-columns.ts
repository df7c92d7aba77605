import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { files, messages, users } from "./schema.ts";

/** The files table twice, as on SQLite (../message-columns.ts): the author's avatar, the image. */
const avatarFile = alias(files, "avatar_file");
const imageFile = alias(files, "image_file");

/** The same columns as SQLite's message queries select, so both build Messages with `toMessage`. */
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
