import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createEnvelope } from "../../src/bus/envelope.ts";

const fragment = '<hx-partial hx-target="#messages-1"><article data-message-id="7">hi</article></hx-partial>';

describe("the envelope of a payload on Redis", () => {
  const key = randomBytes(32);
  const here = createEnvelope(key);
  const sibling = createEnvelope(key); // another instance of the same deployment

  it("opens what an instance of the same deployment sealed for that channel, and knows its own", () => {
    const sealed = sibling.seal("ns:room:1", fragment);
    expect(here.open("ns:room:1", sealed)).toBe(fragment);
    expect(here.fromHere(sealed)).toBe(false);
    expect(sibling.fromHere(sealed)).toBe(true);
  });

  it("refuses what another key sealed, another channel's payload, a changed fragment and plain HTML", () => {
    const sealed = sibling.seal("ns:room:1", fragment);
    const refused = [
      createEnvelope(randomBytes(32)).seal("ns:room:1", fragment),
      sealed.replace("hi", "<img src=x onerror=alert(1)>"),
      fragment,
      "",
      `${sealed.slice(0, 11)}.not-a-tag.${fragment}`,
    ];
    for (const payload of refused) expect(here.open("ns:room:1", payload), payload).toBeNull();
    expect(here.open("ns:room:2", sealed)).toBeNull();
  });
});
