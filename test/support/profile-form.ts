import type { Browser } from "./test-app.ts";

/** Posts the settings page's profile form as a browser does: multipart, the file under `avatar`. */
export function postProfile(
  client: Browser,
  fields: { display_name?: string; bio?: string; remove_avatar?: "on" } = {},
  avatar?: { bytes: Uint8Array; name: string; type?: string },
) {
  const form = new FormData();
  form.set("display_name", fields.display_name ?? "");
  form.set("bio", fields.bio ?? "");
  if (fields.remove_avatar) form.set("remove_avatar", fields.remove_avatar);
  // An empty file input still sends a part: no name, no bytes.
  const file = avatar ?? { bytes: new Uint8Array(), name: "", type: "application/octet-stream" };
  form.set("avatar", new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type ?? "" }));
  return client.request("/settings/profile", { method: "POST", body: form });
}
