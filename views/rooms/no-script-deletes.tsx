import type { Room, User } from "../../src/store/records.ts";
import type { ShownMessage } from "../messages/message.tsx";
import { usePaths } from "../paths.ts";

/** As much of a message as its line in the list shows. */
const excerptLength = 80;
const excerptOf = (message: ShownMessage) => {
  if (!message.body) return "an image";
  return message.body.length > excerptLength ? `${message.body.slice(0, excerptLength - 1)}…` : message.body;
};

/**
 * Without script the toolbar never shows (static/message-actions.js places it), so the page
 * lists the messages on it the reader may delete, each with a plain form to the delete route:
 * their own, or everyone's for who moderates. Rendered once per page, never per message, so
 * the message partial and its broadcasts stay as they are.
 */
export const NoScriptDeletes = ({
  room,
  user,
  messages,
  manages,
}: {
  room: Room;
  user: Pick<User, "id">;
  messages: ShownMessage[];
  manages: boolean;
}) => {
  const { to } = usePaths();
  const deletable = messages
    .filter((message) => !message.deletedAt && (manages || message.author.id === user.id))
    .slice(-20);
  if (deletable.length === 0) return null;
  return (
    <noscript>
      <details class="no-script-deletes">
        <summary>Delete a message</summary>
        <ul>
          {deletable.map((message) => (
            <li>
              <form method="post" action={to(`/rooms/${room.slug}/messages/${message.id}/delete`)}>
                <span>
                  {message.author.id === user.id ? "" : `${message.author.displayName ?? message.author.username}: `}
                  {excerptOf(message)}
                </span>
                <button type="submit">Delete</button>
              </form>
            </li>
          ))}
        </ul>
      </details>
    </noscript>
  );
};
