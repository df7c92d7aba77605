import { describe, expect, it } from "vitest";
import { matchMarks } from "../../../src/store/records.ts";
import { markedHtml } from "../../../views/search/marked-text.ts";

const { start, end } = matchMarks;

describe("a found message's marked text", () => {
  it("escapes everything a person wrote, then marks the words found", () => {
    expect(markedHtml(`<img src=x onerror=alert(1)> ${start}harbour${end} & "${start}tea${end}"`)).toBe(
      "&lt;img src=x onerror=alert(1)&gt; <mark>harbour</mark> &amp; &quot;<mark>tea</mark>&quot;",
    );
  });

  it("makes no element of a mark left open or closed alone", () => {
    expect(markedHtml(`${start}open ${start}twice${end} close${end} stray${start}`)).toBe(
      "open <mark>twice</mark> close stray",
    );
    expect(markedHtml(`${start}<b>${end}`)).toBe("<mark>&lt;b&gt;</mark>");
  });
});
