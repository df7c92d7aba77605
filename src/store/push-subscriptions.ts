import { and, eq, inArray, ne } from "drizzle-orm";
import type { Dialect } from "./dialect.ts";
import type { PushSubscriptionQueries } from "./store.ts";

/** Browsers' Push API subscriptions, and whom a new message in a room is pushed to. */
export function pushSubscriptionQueries({ db, tables }: Dialect): PushSubscriptionQueries {
  const { pushSubscriptions, memberships } = tables;
  const columns = {
    userId: pushSubscriptions.userId,
    endpoint: pushSubscriptions.endpoint,
    p256dh: pushSubscriptions.p256dh,
    auth: pushSubscriptions.auth,
  };
  return {
    // One endpoint is one browser profile: whoever signed in there last is who it notifies.
    async save(userId, { endpoint, p256dh, auth }) {
      await db
        .insert(pushSubscriptions)
        .values({ userId, endpoint, p256dh, auth })
        .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { userId, p256dh, auth } });
    },

    async remove(userId, endpoint) {
      const rows = await db
        .delete(pushSubscriptions)
        .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)))
        .returning({ id: pushSubscriptions.id });
      return rows.length === 1;
    },

    async forget(endpoint) {
      await db.delete(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));
    },

    async listFor(userId) {
      return db.select(columns).from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
    },

    // Only members whose choice for the room is not "none": leaving a room, or muting it, ends its pushes.
    async recipients(roomId, who) {
      const people =
        "mentioned" in who
          ? who.mentioned.length === 0
            ? undefined
            : inArray(memberships.userId, who.mentioned)
          : ne(memberships.userId, who.allBut);
      if (!people) return [];
      return db
        .select(columns)
        .from(pushSubscriptions)
        .innerJoin(memberships, and(eq(memberships.userId, pushSubscriptions.userId), eq(memberships.roomId, roomId)))
        .where(and(people, ne(memberships.notify, "none")));
    },
  };
}
