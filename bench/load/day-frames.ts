/**
 * What a received frame carries, read with indexOf (a regex or a parser costs the load generator
 * more, and it reads every frame of 11,500 sockets). Pure, so a test can hold the readers to
 * Parley's real fragments: a change to the message partial must not make the day silently
 * count nothing.
 */

const idAttribute = 'data-message-id="';
const bodyStart = '<p class="body">';
const targetAttribute = 'hx-target="';

/**
 * Each message element in a Parley frame: its id, and the day's number for it (its text starts
 * "p<number> "); 0 when the text is not one of the day's.
 */
export function parleyMessages(frame: string, each: (id: number, number: number) => void): void {
  for (let at = frame.indexOf(idAttribute); at !== -1; at = frame.indexOf(idAttribute, at)) {
    at += idAttribute.length;
    const id = Number(frame.slice(at, frame.indexOf('"', at)));
    const body = frame.indexOf(bodyStart, at) + bodyStart.length;
    const number = frame[body] === "p" ? Number(frame.slice(body + 1, frame.indexOf(" ", body))) : 0;
    each(id, Number.isSafeInteger(number) ? number : 0);
  }
}

/**
 * Each fragment's target in a Parley frame, digits as `#` (`#typing-room-#`), and for a send's
 * answer whether it was acknowledged (its pending item deleted) or refused (replaced).
 */
export function parleyTargets(frame: string, each: (target: string, answer?: "acknowledged" | "refused") => void) {
  for (let at = frame.indexOf(targetAttribute); at !== -1; at = frame.indexOf(targetAttribute, at)) {
    at += targetAttribute.length;
    const end = frame.indexOf('"', at);
    const target = frame.slice(at, end).replace(/\d+/g, "#");
    if (!target.startsWith("#pending-")) each(target);
    else each(target, frame.startsWith(' hx-swap="delete"', end + 1) ? "acknowledged" : "refused");
  }
}

/** Each text in a ceiling's frame (one per line with BATCH=1, padded): its kind letter, the day's number, its size. */
export function ceilingTexts(frame: string, each: (kind: string, number: number, bytes: number) => void): void {
  for (const text of frame.split("\n")) each(text[0] ?? "", Number(text.slice(1, text.indexOf(" "))), text.length);
}
