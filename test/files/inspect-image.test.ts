import { describe, expect, it } from "vitest";
import { imageRules } from "../../src/files/image-rules.ts";
import { imageTypeOf } from "../../src/files/image-type.ts";
import { inspectImage } from "../../src/files/inspect-image.ts";
import { images, pretenders } from "../support/files.ts";

describe("an uploaded image", () => {
  it("is known by its bytes: PNG, JPEG, WebP and GIF, with their pixel size", () => {
    for (const { bytes, type } of Object.values(images)) {
      expect(imageTypeOf(bytes)).toBe(type);
      expect(inspectImage(bytes)).toEqual({ ok: true, image: { type, width: 3, height: 2 } });
    }
  });

  it("refuses an HTML page or an SVG, whatever it is called", () => {
    for (const bytes of [pretenders.html, pretenders.svg]) {
      expect(imageTypeOf(bytes)).toBeNull();
      expect(inspectImage(bytes)).toMatchObject({ ok: false, reason: "not-an-image" });
    }
  });

  it("refuses a signature with no real image behind it, or another type's header", () => {
    const pngSignatureOnly = images.png.bytes.subarray(0, 8);
    const htmlBehindPngSignature = new Uint8Array([...pngSignatureOnly, ...pretenders.html]);
    const gifHeaderOnPng = new Uint8Array([...images.gif.bytes.subarray(0, 6), ...images.png.bytes.subarray(6)]);
    for (const bytes of [pngSignatureOnly, htmlBehindPngSignature, gifHeaderOnPng, new Uint8Array()])
      expect(inspectImage(bytes), String(bytes.subarray(0, 8))).toMatchObject({ ok: false, reason: "not-an-image" });
  });

  it("refuses more than 2 MB, before looking inside", () => {
    const big = new Uint8Array(imageRules.maxBytes + 1);
    big.set(images.png.bytes);
    expect(inspectImage(big)).toEqual({
      ok: false,
      reason: "too-large",
      error: "That picture is too large: at most 2 MB.",
    });
    const justFits = new Uint8Array(imageRules.maxBytes);
    justFits.set(images.png.bytes);
    expect(inspectImage(justFits)).toMatchObject({ ok: true });
  });

  it("refuses a picture wider or taller than 10,000 pixels (a small file can decode huge)", () => {
    const huge = new Uint8Array(images.png.bytes);
    // The IHDR width, big-endian, at bytes 16–19.
    new DataView(huge.buffer).setUint32(16, 20_000);
    expect(inspectImage(huge)).toMatchObject({ ok: false, reason: "too-large" });
  });

  it("refuses more than 25 megapixels however small the file: 10,000 × 10,000 decodes to about 400 MB", () => {
    const sized = (width: number, height: number) => {
      const bytes = new Uint8Array(images.png.bytes);
      const header = new DataView(bytes.buffer);
      header.setUint32(16, width); // the IHDR width and height, big-endian
      header.setUint32(20, height);
      return bytes;
    };
    expect(inspectImage(sized(10_000, 10_000))).toEqual({
      ok: false,
      reason: "too-large",
      error: "That picture is too large: at most 25 megapixels (5,000 × 5,000).",
    });
    expect(inspectImage(sized(5_001, 5_000))).toMatchObject({ ok: false, reason: "too-large" });
    expect(inspectImage(sized(5_000, 5_000))).toMatchObject({ ok: true, image: { width: 5_000, height: 5_000 } });
    expect(inspectImage(sized(10_000, 2_500))).toMatchObject({ ok: true });
    expect(imageRules.description).toContain("25 megapixels");
  });
});
