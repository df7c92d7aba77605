import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { FormError } from "../../views/form-error.tsx";
import { Replace } from "../../views/messages/stream.tsx";
import type { Paths } from "../../views/paths.ts";
import { render } from "../../views/render.ts";
import { attachErrorId } from "../../views/rooms/attach-image.tsx";
import type { AppEnv, Deps } from "../app-env.ts";
import type { Uploads } from "../files/uploads.ts";
import { requireUser } from "../http/identity.ts";
import { retryAfter } from "../http/retry-after.ts";
import type { Room, User } from "../store/records.ts";
import { findVisibleRoom } from "./find-room.ts";
import { keySchema } from "./message-input.ts";
import { type Posting, post } from "./messages.ts";

/** The room form's error line, emptied (after a send) or with the reason a send was refused. */
const errorLine = (room: Room, paths: Paths, message = "") =>
  render(
    <Replace target={attachErrorId(room)}>
      <FormError id={attachErrorId(room)} message={message} />
    </Replace>,
    paths,
  );

/**
 * POST /rooms/:slug/messages: a message from a normal multipart form, `body` and an optional
 * `image`, the way a file input sends a picture (never base64 over the socket). It goes through
 * the same `post` as a socket send: idempotency, rate limit, order, one render, one broadcast.
 * htmx posts are answered with the message (it shows at once; the broadcast replaces it in
 * place) or the reason in the form's error line; plain form posts are redirected to the room.
 */
export function imageMessageRoutes(deps: Deps, posting: Posting, uploads: Uploads) {
  return new Hono<AppEnv>().post("/rooms/:slug/messages", requireUser, async (c) => {
    const user = c.var.user as User;
    const { room } = await findVisibleRoom(deps.store, c.req.param("slug"), user);
    const form = await c.req.parseBody();
    const key = keySchema.safeParse(form.key);
    // An empty file input still sends a part, with no name and no bytes: no image.
    const file = typeof form.image === "object" && form.image.size > 0 ? form.image : null;
    const attach = file ? async () => uploads.saveImage(new Uint8Array(await file.arrayBuffer())) : undefined;
    const result = await post(posting, room, user, {
      body: form.body,
      key: key.success ? key.data : null,
      attach,
      replyTo: form.reply_to,
    });
    const fromHtmx = c.req.header("hx-request") === "true";
    if (!result.ok) {
      const error =
        result.status === 413 || result.status === 415 || result.status === 507
          ? result.error
          : `Not sent: ${result.error}`;
      if (result.status === 429) c.header("Retry-After", retryAfter(result.retryAfterMs));
      if (fromHtmx) return c.html(await errorLine(room, c.var.paths, error), result.status);
      throw new HTTPException(result.status, { message: error });
    }
    if (!fromHtmx) return c.redirect(c.var.paths.to(`/rooms/${room.slug}`), 303);
    return c.html(result.fragment + (await errorLine(room, c.var.paths)));
  });
}
