import type { Client } from "./client.ts";
import { fragment } from "./html.ts";

export interface Delivered {
  id: number;
  body: string;
}

/** Every message element a socket received, in arrival order, repeats included. */
export function delivered(frames: string[]): Delivered[] {
  return frames.flatMap((frame) =>
    [...fragment(frame).querySelectorAll("article[data-message-id]")].map((article) => ({
      id: Number(article.getAttribute("data-message-id")),
      body: article.querySelector(".body")?.textContent ?? "",
    })),
  );
}

/** A cheap count of message elements, for waiting; assertions use delivered(). */
export const countDelivered = (frames: string[]) =>
  frames.reduce((sum, frame) => sum + (frame.match(/data-message-id="/g)?.length ?? 0), 0);

/** Every message stored in the room, in id order, paging through the JSON API. */
export async function storedMessages(client: Client, slug: string): Promise<Delivered[]> {
  const all: Delivered[] = [];
  for (;;) {
    const after = all.at(-1)?.id ?? 0;
    const response = await client.call(`/api/rooms/${slug}/messages?after=${after}&limit=100`);
    const page = (await response.json()).messages as Delivered[];
    all.push(...page.map(({ id, body }) => ({ id, body })));
    if (page.length < 100) return all;
  }
}

/** Posts through the JSON API (no socket needed), as a script would. */
export async function postOver(client: Client, slug: string, body: string) {
  const response = await client.call(`/api/rooms/${slug}/messages`, {
    method: "POST",
    body: JSON.stringify({ body }),
    headers: { "content-type": "application/json" },
  });
  if (!response.ok) throw new Error(`post failed: ${response.status}`);
}
