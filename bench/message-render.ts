/**
 * `bun bench/message-render.ts [--against <folder>]`: what one plain-text message costs to
 * render and to send: the bytes of its broadcast fragment (sent to every socket in the room)
 * and the median time of rendering it (300 rounds of 1,000). With `--against`, the same for
 * another checkout (e.g. `git archive main | tar -x -C /tmp/base`), rounds interleaved in one
 * process so a busy machine slows both alike.
 */
import { resolve } from "node:path";
import { messagesFragment } from "../src/rooms/broadcasts.tsx";
import { firstStored } from "../src/store/records.ts";
import type { ShownMessage } from "../views/messages/message.tsx";
import { rootPaths } from "../views/paths.ts";

type Render = typeof messagesFragment;
const against = process.argv.indexOf("--against");
const other: Render | null =
  against > 0
    ? (await import(resolve(process.argv[against + 1] ?? ".", "src/rooms/broadcasts.tsx"))).messagesFragment
    : null;

const people = {
  plain: { id: 1, username: "alice", displayName: null, avatar: null, kind: "account" as const },
  named: { id: 2, username: "bob", displayName: "Bob Builder", avatar: null, kind: "account" as const },
  pictured: {
    id: 3,
    username: "carol",
    displayName: "Carol",
    avatar: { name: `${"a".repeat(64)}.png`, width: 128, height: 128 },
    kind: "account" as const,
  },
};
type Person = (typeof people)[keyof typeof people];

const messageBy = (author: Person, id: number): ShownMessage => ({
  ...firstStored({
    id,
    seq: id,
    roomId: 7,
    body: "c12 123456.789",
    createdAt: new Date("2026-11-25T10:15:00Z"),
    author,
    image: null,
    replyTo: null,
  }),
  people: new Set(),
});

/** Microseconds per render over one round of 1,000. */
const round = async (render: Render, author: Person) => {
  const start = performance.now();
  for (let i = 0; i < 1000; i++) await render({ id: 7 }, [messageBy(author, i)], rootPaths);
  return performance.now() - start;
};
const median = (times: number[]) => times.sort((a, b) => a - b)[times.length >> 1] ?? 0;
const bytes = async (render: Render, author: Person) =>
  Buffer.byteLength(await render({ id: 7 }, [messageBy(author, 123_456)], rootPaths));

// Warm up first: the JIT compiles the path before anything is timed.
for (let i = 0; i < 30; i++)
  for (const render of [messagesFragment, other]) if (render) await round(render, people.plain);

for (const [who, author] of Object.entries(people)) {
  const here: number[] = [];
  const there: number[] = [];
  for (let r = 0; r < 300; r++) {
    if (other) there.push(await round(other, author));
    here.push(await round(messagesFragment, author));
  }
  const shown = `${await bytes(messagesFragment, author)} B ${median(here).toFixed(2)} µs`;
  const base = other ? `   (other: ${await bytes(other, author)} B ${median(there).toFixed(2)} µs)` : "";
  console.log(`${who.padEnd(9)} ${shown}${base}`);
}
