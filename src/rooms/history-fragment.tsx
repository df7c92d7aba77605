import { LoadOlder, olderId } from "../../views/messages/list.tsx";
import { Replace } from "../../views/messages/stream.tsx";
import type { Paths } from "../../views/paths.ts";
import { render } from "../../views/render.ts";
import type { Room } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import { messagesFragment } from "./broadcasts.tsx";
import { parseCursor } from "./cursor.ts";
import { historyPage } from "./history.ts";

/**
 * `?before=` / `?after=` as fragments, for the room page and its embed alike. "Load older" also
 * moves its own button to the new oldest message, or says the history starts here.
 */
export async function historyFragment(
  store: Store,
  room: Room,
  query: Record<string, string>,
  paths: Paths,
): Promise<string> {
  const cursor = parseCursor(query);
  const page = await historyPage(store, room, cursor);
  const fragment = await messagesFragment(room, page.messages, paths, cursor.before !== undefined);
  if (cursor.before === undefined) return fragment;
  const older = (
    <Replace target={olderId(room)}>
      <LoadOlder room={room} before={page.hasMore ? (page.messages[0]?.id ?? null) : null} />
    </Replace>
  );
  return fragment + (await render(older, paths));
}
