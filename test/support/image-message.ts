import type { Browser } from "./test-app.ts";

/**
 * Posts the room's image form as a browser does: multipart, the file under `image`, the caption
 * under `body`; as htmx does (HX-Request) unless `plain`.
 */
export function postImageMessage(
  client: Browser,
  slug: string,
  fields: { body?: string; key?: string; plain?: boolean } = {},
  image?: { bytes: Uint8Array; name: string; type?: string },
) {
  const form = new FormData();
  form.set("body", fields.body ?? "");
  if (fields.key) form.set("key", fields.key);
  // An empty file input still sends a part: no name, no bytes.
  const file = image ?? { bytes: new Uint8Array(), name: "", type: "application/octet-stream" };
  form.set("image", new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type ?? "" }));
  const headers: Record<string, string> = fields.plain ? {} : { "HX-Request": "true" };
  return client.request(`/rooms/${slug}/messages`, { method: "POST", body: form, headers });
}
