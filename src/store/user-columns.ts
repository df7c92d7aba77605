import { eq } from "drizzle-orm";
import { fileName, type ImageType } from "../files/image-rules.ts";
import type { LinkedImage, User, UserKind } from "./records.ts";
import type { Tables } from "./tables.ts";

/**
 * What every query that hands out a User selects, with `join` (a left join: most people have no
 * avatar). One place, so a session, a bearer token and a profile all carry the same User.
 */
export function userColumns({ users, files }: Tables) {
  return {
    columns: {
      id: users.id,
      username: users.username,
      createdAt: users.createdAt,
      displayName: users.displayName,
      bio: users.bio,
      kind: users.kind,
      deactivatedAt: users.deactivatedAt,
      avatarUrl: users.avatarUrl,
      avatarHash: files.hash,
      avatarType: files.type,
      avatarWidth: files.width,
      avatarHeight: files.height,
    },
    avatarJoin: [files, eq(files.hash, users.avatar)] as const,
  };
}

type UserRow = {
  id: number;
  username: string;
  createdAt: Date;
  displayName: string | null;
  bio: string;
  kind: UserKind;
  deactivatedAt: Date | null;
  avatarUrl: string | null;
  avatarHash: string | null;
  avatarType: string | null;
  avatarWidth: number | null;
  avatarHeight: number | null;
};

export function toUser(row: UserRow): User {
  const { avatarUrl, avatarHash, avatarType, avatarWidth, avatarHeight, ...user } = row;
  const avatar =
    avatarHash && avatarType
      ? { name: fileName(avatarHash, avatarType as ImageType), width: avatarWidth ?? 0, height: avatarHeight ?? 0 }
      : linkedImage(avatarUrl);
  return { ...user, avatar };
}

/** A host app's picture for the person, or null without one. */
export const linkedImage = (url: string | null): LinkedImage | null => (url ? { url } : null);
