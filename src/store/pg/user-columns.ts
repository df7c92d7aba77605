import { eq } from "drizzle-orm";
import { files, users } from "./schema.ts";

/**
 * What every query that hands out a User selects on PostgreSQL, with `avatarJoin`; rows become
 * Users through the SQLite adapter's `toUser`, so both adapters build them the same way.
 */
export const userColumns = {
  id: users.id,
  username: users.username,
  createdAt: users.createdAt,
  displayName: users.displayName,
  bio: users.bio,
  kind: users.kind,
  avatarUrl: users.avatarUrl,
  avatarHash: files.hash,
  avatarType: files.type,
  avatarWidth: files.width,
  avatarHeight: files.height,
};

export const avatarJoin = [files, eq(files.hash, users.avatar)] as const;
