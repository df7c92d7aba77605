/**
 * Topic names: what a socket listens to, on this instance (local fan-out) and between
 * instances (the bus). Rooms today; per-person topics (unread counts, mentions) go here too.
 */
export const roomTopic = (room: { id: number }) => `room:${room.id}`;

/** Where a room's typing signals travel: to everyone in the room but the typist (others-channel.ts). */
export const typingTopic = (room: { id: number }) => `typing:${room.id}`;

/** A room's new messages as other rooms' pages count them (unread and mentions), not their text. */
export const activityTopic = (room: { id: number }) => `activity:${room.id}`;

/** A person's read marks: a room read on one page stops counting as unread on their others. */
export const readsTopic = (user: { id: number }) => `reads:${user.id}`;

/** The room id a topic names, or null for a topic that is not a room's. */
export const topicRoomId = (topic: string): number | null => {
  const id = Number(/^room:(\d+)$/.exec(topic)?.[1]);
  return Number.isSafeInteger(id) ? id : null;
};

/** Where session endings (log-out, password change) travel, so every instance closes those sockets. */
export const sessionsTopic = "sessions";

/** Where profile changes (display name, avatar) travel, so open pages on every instance show them. */
export const profilesTopic = "profiles";

/** Where rooms' changed records (a rename) travel, so every instance's open sockets hold the new one. */
export const roomsTopic = "rooms";
