import { FormError } from "../form-error.tsx";
import { composerErrorId } from "../rooms/composer.tsx";
import { pendingId } from "./pending.tsx";

/** Why a send was not stored: the limit (it goes out again by itself), bad input, or our fault. */
export type RefusalKind = "held" | "invalid" | "failed";

const inAbout = (ms: number) => (ms < 1000 ? "in a moment" : `in ${Math.ceil(ms / 1000)} s`);

/**
 * A send the server did not store, in place of its pending item (never the composer: the person
 * may have typed a new draft since). Its text stays on screen with the reason. A held send (rate
 * limit) says when it goes out again and static/outbox.js sends it then, `data-retry-after-ms`
 * from now; any other refusal waits for the person: retry (only when trying again can help), edit
 * or discard.
 */
export const Refusal = ({
  sendKey,
  body,
  error,
  kind,
  retryAfterMs = 0,
}: {
  sendKey: string;
  body: string;
  error: string;
  kind: RefusalKind;
  retryAfterMs?: number;
}) => (
  <article
    id={pendingId(sendKey)}
    class={`message pending ${kind}`}
    data-key={sendKey}
    data-state={kind === "held" ? "held" : "failed"}
    data-retry-after-ms={kind === "held" ? String(retryAfterMs) : undefined}
  >
    <header>
      {kind === "held" ? (
        // The cause, as the server put it before its colon ("Sending too fast", "Parley is busy").
        <span class="pending-status">
          {error.split(":")[0]}: this goes out again {inAbout(retryAfterMs)}.
        </span>
      ) : (
        <span class="pending-status" role="alert">
          Not sent: {error}
        </span>
      )}
    </header>
    <p class="body">{body}</p>
    <div class="pending-actions">
      {kind === "failed" ? (
        <button type="button" data-action="retry">
          Retry
        </button>
      ) : null}
      <button type="button" data-action="edit">
        Edit
      </button>
      <button type="button" data-action="discard">
        Discard
      </button>
    </div>
  </article>
);

/** For a frame that names no send (no key): the reason alone, in the composer's error line, its draft untouched. */
export const ComposerError = ({ room, error }: { room: { id: number }; error: string }) => (
  <FormError id={composerErrorId(room)} message={error} />
);
