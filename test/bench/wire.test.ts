import { describe, expect, it } from "vitest";
import { isRefusalFrame, parleyTexts } from "../../bench/load/wire.ts";
import { messagesFragment } from "../../src/rooms/broadcasts.tsx";
import { refuse } from "../../src/rooms/frames/refusal.tsx";
import type { RoomConnection } from "../../src/rooms/room-connection.ts";
import { firstStored } from "../../src/store/records.ts";
import { rootPaths } from "../../views/paths.ts";

const room = { id: 7, slug: "lobby", name: "Lobby" };

describe("the load generator's reading of Parley's frames", () => {
  it("tells a refusal from the frame's start: Parley sends it alone, to its sender", async () => {
    const sent: string[] = [];
    const socket = { ws: { send: (frame: string) => sent.push(frame) }, room, chat: { paths: rootPaths } };
    await refuse(socket as unknown as Pick<RoomConnection, "ws" | "room" | "chat">, "Parley is busy: try again.");
    expect(sent).toHaveLength(1);
    expect(isRefusalFrame(sent[0] as string)).toBe(true);
  });

  it("never takes a broadcast for a refusal, whatever its text says", async () => {
    const frame = await messagesFragment(
      room,
      [
        {
          ...firstStored({
            id: 1,
            seq: 1,
            roomId: 7,
            body: '<hx-partial hx-target="#composer-room-7-error">',
            createdAt: new Date(),
            author: { id: 1, username: "bench1", displayName: null, avatar: null, kind: "account" },
            image: null,
            replyTo: null,
          }),
          people: new Set<string>(),
        },
      ],
      rootPaths,
    );
    expect(isRefusalFrame(frame)).toBe(false);
  });

  it("reads every message text of a frame, in order, whatever the names and texts around them hold", async () => {
    // Plain texts, as the load generator sends: the partial renders them in one element (no markdown).
    const texts = ["c0 12.5", 'your body says y">', 'y">yy', "c31 99"];
    const message = (body: string, i: number) => ({
      ...firstStored({
        id: i + 1,
        seq: i + 1,
        roomId: 7,
        body,
        createdAt: new Date(),
        author: { id: 1, username: "yoyo_y", displayName: 'Yay "body"', avatar: null, kind: "account" as const },
        image: null,
        replyTo: null,
      }),
      people: new Set<string>(),
    });
    const frame = await messagesFragment(room, texts.map(message), rootPaths);
    const read: string[] = [];
    parleyTexts(frame + frame, (text) => read.push(text));
    const escaped = (text: string) =>
      text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
    expect(read.map((text) => text.replaceAll("&#39;", "'"))).toEqual([...texts, ...texts].map(escaped));
  });
});
