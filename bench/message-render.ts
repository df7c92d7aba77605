/**
 * `bun bench/message-render.ts`: what one plain-text message costs to render and to send: the
 * bytes of its broadcast fragment (sent to every socket in the room) and the median time of
 * rendering it, over many rounds. Run before and after changing views/messages/message.tsx.
 */
import { messagesFragment } from "../src/rooms/broadcasts.tsx";
import type { Message } from "../src/store/records.ts";

const rounds = Number(process.argv[2] ?? 200);
const perRound = 1_000;
const people = {
  plain: { id: 1, username: "alice", displayName: null, avatar: null },
  named: { id: 2, username: "bob", displayName: "Bob Builder", avatar: null },
  pictured: {
    id: 3,
    username: "carol",
    displayName: "Carol",
    avatar: { name: `${"a".repeat(64)}.png`, width: 128, height: 128 },
  },
};

const messageBy = (author: (typeof people)[keyof typeof people], id = 123_456): Message =>
  ({ id, roomId: 7, body: "c12 123456.789", createdAt: new Date("2026-11-25T10:15:00Z"), author }) as Message;

// Warm up first: the JIT compiles the path before anything is timed.
for (let i = 0; i < 50_000; i++) await messagesFragment({ id: 7 }, [messageBy(people.named, i)]);

for (const [who, author] of Object.entries(people)) {
  const fragment = await messagesFragment({ id: 7 }, [messageBy(author)]);
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    for (let i = 0; i < perRound; i++) await messagesFragment({ id: 7 }, [messageBy(author, i)]);
    times.push(((performance.now() - start) * 1000) / perRound);
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1] ?? 0;
  console.log(
    `${who.padEnd(9)} ${String(Buffer.byteLength(fragment)).padStart(5)} bytes  ${median.toFixed(2)} µs/render (median of ${rounds}×${perRound})`,
  );
}
if (process.argv.includes("--show")) console.log(await messagesFragment({ id: 7 }, [messageBy(people.pictured)]));
