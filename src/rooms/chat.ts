import type { Paths } from "../../views/paths.ts";
import type { Channels } from "../delivery/channels.ts";
import type { OthersChannel } from "../delivery/others-channel.ts";
import type { ProfileChanges } from "../delivery/profile-changes.ts";
import type { ActivityChannel } from "../delivery/room-activity.ts";
import type { RoomRecords } from "../delivery/room-records.ts";
import type { SessionSockets } from "../delivery/session-sockets.ts";
import type { RoomPresence } from "../live/room-presence.tsx";
import type { Log } from "../logs/logger.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { PushNotifier } from "../push/notifier.ts";
import type { Store } from "../store/store.ts";
import type { MessageHooks } from "./messages.ts";
import type { RateLimit } from "./rate-limit.ts";
import type { SendPlaces } from "./send-places.ts";

/**
 * What the chat works with: posting, the room socket and its frames, embeds and the API. Built
 * once by the composition root (src/app.tsx); the one bag of this layer, as `Deps` is the
 * runtime's. A part that needs less says so with a `Pick` (see `Posting`).
 */
export interface Chat {
  /** The app's paths, which every fragment's links are written under. */
  paths: Paths;
  store: Store;
  channels: Channels;
  /** Each session's admitted sockets: counted against its cap, ended with it. */
  sessionSockets: SessionSockets;
  /** Who is here now, per room. */
  presence: RoomPresence;
  /** Typing signals: to everyone in the room but the typist. */
  others: OthersChannel;
  /** Unread and mention counts of the reader's other rooms, live; new messages are announced here. */
  activity: ActivityChannel;
  /** The senders' rate limit (null: off). */
  rateLimit: RateLimit | null;
  /** Places for sends in flight on this instance (send-places.ts); none: unbounded. */
  sendPlaces?: SendPlaces;
  /** Names changed since a socket opened. */
  profiles: ProfileChanges;
  /** Rooms renamed since a socket opened: every instance's sockets take the new record. */
  roomRecords: RoomRecords;
  /** The host app's say before a message is stored and after it is out (the kit's hooks). */
  hooks?: MessageHooks;
  /** Where sockets' failures are logged, each line with the socket's id. */
  log?: Log;
  /** Messages stored and refused, and how long their delivery took. */
  metrics?: Pick<Metrics, "stored" | "refused">;
  /** Web Push to the people a new message concerns who have no tab open in its room. */
  push?: PushNotifier;
}
