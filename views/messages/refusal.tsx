import { escapeHtml } from "../escape.ts";
import { FormError } from "../form-error.tsx";
import { composerErrorId } from "../rooms/composer.tsx";
import { pendingId } from "./pending.tsx";

/** Why a send was not stored: the limit (it goes out again by itself), bad input, or our fault. */
export type RefusalKind = "held" | "invalid" | "failed";

const inAbout = (ms: number) => (ms < 1000 ? "in a moment" : `in ${Math.ceil(ms / 1000)} s`);

type RefusalProps = {
  sendKey: string;
  body: string;
  error: string;
  kind: RefusalKind;
  retryAfterMs?: number;
};

/**
 * A send the server did not store, in place of its pending item (never the composer: the person
 * may have typed a new draft since). Its text stays on screen with the reason. A held send (rate
 * limit) says when it goes out again and static/outbox.js sends it then, `data-retry-after-ms`
 * from now; any other refusal waits for the person: retry (only when trying again can help), edit
 * or discard.
 *
 * Built by concatenation, as the message partial is: past what an instance holds, most frames
 * are answered with this, and rendering it as JSX for each took more of the server than the
 * messages it did store (twice the held rate: 2.6× the messages stored once it was a string).
 */
export const refusalMarkup = ({ sendKey, body, error, kind, retryAfterMs = 0 }: RefusalProps) => {
  const key = escapeHtml(sendKey);
  const held = kind === "held";
  // The cause, as the server put it before its colon ("Sending too fast", "Parley is busy").
  const status = held
    ? `<span class="pending-status">${escapeHtml(error.split(":")[0] ?? "")}: this goes out again ${inAbout(retryAfterMs)}.</span>`
    : `<span class="pending-status" role="alert">Not sent: ${escapeHtml(error)}</span>`;
  const retry = kind === "failed" ? `<button type="button" data-action="retry">Retry</button>` : "";
  return (
    `<article id="${pendingId(key)}" class="message pending ${kind}" data-key="${key}" data-state="${held ? "held" : "failed"}"` +
    `${held ? ` data-retry-after-ms="${retryAfterMs}"` : ""}><header>${status}</header><p class="body">${escapeHtml(body)}</p>` +
    `<div class="pending-actions">${retry}<button type="button" data-action="edit">Edit</button>` +
    `<button type="button" data-action="discard">Discard</button></div></article>`
  );
};

/** For a frame that names no send (no key): the reason alone, in the composer's error line, its draft untouched. */
export const ComposerError = ({ room, error }: { room: { id: number }; error: string }) => (
  <FormError id={composerErrorId(room)} message={error} />
);
