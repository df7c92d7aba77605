import { describe, expect, it } from "vitest";
import { messageHooks } from "../../src/kit/message-hooks.ts";
import type { PostedMessage } from "../../src/kit/options.ts";
import { aMessage, anAuthor, aRoom } from "../support/records.ts";

const ada = anAuthor({ username: "ada", displayName: "Ada Lovelace" });
const general = aRoom();
const hello = aMessage({ id: 7, author: ada });

describe("afterMessage", () => {
  it("runs in the turn after the message went out, never within it", async () => {
    // Bun writes a turn's published frames only once the turn and its microtasks end: the host's
    // work there would come before every page had its copy.
    const heard: PostedMessage[] = [];
    const hooks = messageHooks({ afterMessage: (message) => void heard.push(message) }, { hostIdOf: () => "ada" });
    hooks.stored?.(general, hello);
    for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => queueMicrotask(resolve));
    expect(heard).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard.map((m) => ({ id: m.id, author: m.author.id }))).toEqual([{ id: 7, author: "ada" }]);
  });
});
