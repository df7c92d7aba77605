import { describe, expect, it } from "vitest";
import { typingDoneMarkup, typingId, typingMarkup } from "../../../views/rooms/typing.tsx";
import { fragment } from "../../support/html.ts";

describe("the typing line's fragments", () => {
  const room = { id: 7 };

  it("show the typist by the name messages show, as text", () => {
    const person = { id: 3, username: "mallory", displayName: `<img src=x onerror=alert(1)> & "co"` };
    const shown = fragment(typingMarkup(room, person));
    const partial = shown.querySelector("hx-partial");
    expect(partial?.getAttribute("hx-target")).toBe(`#${typingId(room)}`);
    expect(shown.querySelector("img")).toBeNull();
    expect(shown.querySelector(".typist")?.textContent).toBe(`<img src=x onerror=alert(1)> & "co" is typing…`);
  });

  it("fall back to the username, and end with the typist's own line removed", () => {
    const person = { id: 4, username: "bob", displayName: null };
    const typist = fragment(typingMarkup(room, person)).querySelector(".typist");
    expect(typist?.textContent).toBe("bob is typing…");
    const done = fragment(typingDoneMarkup(room, person)).querySelector("hx-partial");
    expect(done?.getAttribute("hx-target")).toBe(`#${typist?.id}`);
    expect(done?.getAttribute("hx-swap")).toBe("delete");
  });
});
