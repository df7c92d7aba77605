import { raw } from "hono/html";
import type { ReadState } from "../../src/store/records.ts";
import { replaceMarkup } from "../messages/stream.tsx";

/** The DOM id of a room's counts in the sidebar: live updates replace it. */
export const unreadId = (room: { id: number }) => `unread-room-${room.id}`;

/** Shown as "99+" from here on (the store stops counting at the same cap). */
const cap = 100;

/**
 * A room's unread and mention counts; empty when everything is read. A string (numbers only,
 * nothing to escape): every new message sends one to each page counting its room.
 */
export const unreadBadgeMarkup = (room: { id: number }, state: Pick<ReadState, "unread" | "mentions">) => {
  const mentions = state.mentions
    ? `<span class="badge mentions">@${state.mentions}<span class="visually-hidden"> ${state.mentions === 1 ? "mention" : "mentions"}</span></span>`
    : "";
  const unread = state.unread
    ? `<span class="badge">${state.unread >= cap ? "99+" : state.unread}<span class="visually-hidden"> unread</span></span>`
    : "";
  return `<span id="${unreadId(room)}" class="badges">${mentions}${unread}</span>`;
};

export const UnreadBadge = ({ room, state }: { room: { id: number }; state: Pick<ReadState, "unread" | "mentions"> }) =>
  raw(unreadBadgeMarkup(room, state));

/** The badge replacing the one a page shows. */
export const unreadUpdateMarkup = (room: { id: number }, state: Pick<ReadState, "unread" | "mentions">) =>
  replaceMarkup(unreadId(room), unreadBadgeMarkup(room, state));

export const UnreadUpdate = ({ room, state }: { room: { id: number }; state: ReadState }) =>
  raw(unreadUpdateMarkup(room, state));
