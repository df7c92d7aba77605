import type { FoundMessage as Found } from "../../src/store/records.ts";
import { trusted } from "../escape.ts";
import type { ShownMessage } from "../messages/message.tsx";
import { usePaths } from "../paths.ts";
import { RoomName } from "../rooms/room-card.tsx";
import { ClockTime } from "../time.tsx";
import { Avatar } from "../users/avatar.tsx";
import { markedHtml } from "./marked-text.ts";

/** A found message as shown: ready for the page (its mentions looked up), with its room and marks. */
export type ShownFind = ShownMessage & Pick<Found, "room" | "highlighted">;

/**
 * One search result: who said it, where and when, and the text with the words found marked.
 * The text is the link to the message in its conversation.
 */
export const FoundMessage = ({ message }: { message: ShownFind }) => {
  const { to } = usePaths();
  const { author, room } = message;
  return (
    <li class="found" data-message-id={message.id}>
      <Avatar person={author} size="small" />
      <div class="found-body">
        <p class="found-meta">
          <span class="author">{author.displayName ?? author.username}</span>
          <span class="found-room">
            {room.visibility === "direct" ? "with " : "in "}
            <a href={to(`/rooms/${room.slug}`)}>
              {room.visibility === "direct" ? null : <span aria-hidden="true">#</span>}
              <RoomName room={room} />
            </a>
          </span>
          <ClockTime at={message.createdAt} format="datetime" />
        </p>
        {/* The room page opened at the message (src/rooms/message-link.ts). No #fragment: the
            browser would scroll to it after static/message-link.js has put it in the middle. */}
        <a class="found-text" href={to(`/rooms/${room.slug}?at=${message.id}`)}>
          {trusted(markedHtml(message.highlighted))}
        </a>
      </div>
    </li>
  );
};
