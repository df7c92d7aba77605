import type { Message as MessageRecord } from "../../src/store/records.ts";
import { ClockTime } from "../time.tsx";

/** The message's DOM id: the page, history pages and broadcasts all use it, so a repeat replaces itself. */
export const messageId = (message: { id: number }) => `message-${message.id}`;

/** THE message partial: the room page, older pages and live broadcasts all render through it. */
export const Message = ({ message }: { message: MessageRecord }) => (
  <article id={messageId(message)} class="message" data-message-id={message.id}>
    <header>
      <a class="author" href={`/u/${message.author.username}`}>
        {message.author.username}
      </a>{" "}
      <ClockTime at={message.createdAt} />
    </header>
    <p class="body">{message.body}</p>
  </article>
);
