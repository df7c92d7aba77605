import { usePaths } from "../paths.ts";
import { useSignIn } from "../site.ts";
/** The DOM id of a room's connection status. */
export const connectionId = (room: { id: number }) => `connection-room-${room.id}`;
/** The DOM id of why the room's socket was ended for good, when the server said so. */
export const endingId = (room: { id: number }) => `connection-ending-room-${room.id}`;

/**
 * Why the server is about to close the socket for good (removed, banned, the room deleted): sent
 * over the socket just before its close, so static/connection.js says this instead of a refusal's
 * general words.
 */
export const ConnectionEnding = ({ room, text = "" }: { room: { id: number }; text?: string }) => (
  <span id={endingId(room)} class="connection-ending" data-text={text} hidden />
);

/**
 * The connection's state, over the top of the timeline (an overlay: showing it moves nothing).
 * static/connection.js fills it in: nothing while connected, "reconnecting" with a countdown and
 * "Retry now", "offline", or why the room will not connect again (signed out, not allowed,
 * room gone) with a link onwards. The status line is a polite live region from the start, so a
 * screen reader hears each change, "connected again" included.
 */
export const ConnectionStatus = ({ room }: { room: { id: number } }) => {
  const { to } = usePaths();
  return (
    <div id={connectionId(room)} class="connection" data-state="connecting" data-shown="false">
      <span class="connection-dot" aria-hidden="true" />
      <ConnectionEnding room={room} />
      <div class="connection-body">
        <p class="connection-text" role="status" aria-live="polite" />
        <span class="connection-countdown" aria-hidden="true" />
      </div>
      <button type="button" class="connection-retry" data-action="reconnect" hidden>
        Retry now
      </button>
      <a class="connection-link" href={to("/")} data-home={to("/")} data-login={useSignIn()} hidden>
        All rooms
      </a>
    </div>
  );
};
