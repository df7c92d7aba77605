/**
 * Sends not yet confirmed. static/outbox.js adds an item per send (id `pending-<key>`, built by
 * `pendingId` there too) and re-sends what is still here after a reconnect; the server's
 * acknowledgement deletes it, a refusal replaces it (views/messages/refusal.tsx). Kept outside
 * the message list, so a list reload keeps them.
 */
export const pendingListId = (room: { id: number }) => `pending-room-${room.id}`;

export const pendingId = (key: string) => `pending-${key}`;

export const PendingList = ({ room }: { room: { id: number } }) => (
  <div id={pendingListId(room)} class="pending-list" />
);
