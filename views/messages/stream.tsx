import { html } from "hono/html";
import type { Child } from "hono/jsx";

/**
 * htmx 4 envelopes: each carries its own target and swap, so one frame can update several
 * places. The only file that spells `<hx-partial>`.
 */
type Envelope = { target: string; children?: Child };

// A template, not JSX: every broadcast is wrapped in one (see views/messages/message.tsx).
const partial = (target: string, swap: string, children: Child) =>
  html`<hx-partial hx-target="#${target}" hx-swap="${swap}">${children}</hx-partial>`;

export const Replace = ({ target, children }: Envelope) => partial(target, "outerHTML", children);

/**
 * Inserts each child in message order, replacing any child with the same DOM id. The sort key
 * is the DOM id itself (`message-<id>`): hx-upsert compares keys with numeric collation, so
 * message-9 comes before message-12, and every broadcast is 21 bytes shorter than naming
 * `key:data-message-id`.
 */
export const Upsert = ({ target, children }: Envelope) => partial(target, "upsert sort", children);

/**
 * `Upsert` for markup already rendered (the message partial's strings): the broadcast path,
 * where building a JSX tree around one message cost a third of its render. Targets are ids
 * Parley makes (`messages-room-7`), never user text.
 */
export const upsertMarkup = (target: string, markup: string) =>
  `<hx-partial hx-target="#${target}" hx-swap="upsert sort">${markup}</hx-partial>`;

/** Adds each child at the end of the target, or replaces the child with the same DOM id where it is. */
export const Merge = ({ target, children }: Envelope) => partial(target, "upsert", children);

/** Removes the target element (no-op when it is already gone). */
export const Remove = ({ target }: { target: string }) => partial(target, "delete", "");

/** `Replace` for markup already rendered: a changed message, where the page shows it (else nothing). */
export const replaceMarkup = (target: string, markup: string) =>
  `<hx-partial hx-target="#${target}" hx-swap="outerHTML">${markup}</hx-partial>`;

/** `Remove` as a string, beside the other markup envelopes. */
export const removeMarkup = (target: string) => `<hx-partial hx-target="#${target}" hx-swap="delete"></hx-partial>`;

/** Adds markup at the end of the target (a change's number in the room's change log). */
export const appendMarkup = (target: string, markup: string) =>
  `<hx-partial hx-target="#${target}" hx-swap="beforeend">${markup}</hx-partial>`;
