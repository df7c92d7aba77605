import { type Context, Hono } from "hono";
import { z } from "zod";
import { bearerUser } from "../accounts/api-tokens.ts";
import { sessionUser } from "../accounts/sessions.ts";
import type { AppEnv, Deps } from "../app-env.ts";
import { pageSize } from "../rooms/history.ts";
import { keySchema } from "../rooms/message-input.ts";
import { post } from "../rooms/messages.ts";
import type { RateLimit } from "../rooms/rate-limit.ts";
import { messageJson, roomJson } from "./json.ts";

const cursor = z.coerce.number().int().min(0).optional();
const historyQuery = z
  .object({ before: cursor, after: cursor, limit: z.coerce.number().int().min(1).max(100).default(pageSize) })
  .refine((q) => q.before === undefined || q.after === undefined, "Give before or after, not both.");

const problem = (c: Context, status: 400 | 401 | 404 | 422 | 429, error: string) => c.json({ error }, status);

/** The JSON API: the same functions as the pages and the socket, answered as JSON. */
export function apiRoutes(deps: Deps, rateLimit: RateLimit | null) {
  const { store } = deps;
  const caller = async (c: Context) => (await bearerUser(c, deps)) ?? (await sessionUser(c, deps));

  return new Hono<AppEnv>()
    .get("/rooms", async (c) => c.json({ rooms: (await store.rooms.listWithActivity()).map(roomJson) }))
    .get("/rooms/:slug/messages", async (c) => {
      if (!(await caller(c))) return problem(c, 401, "Sign in or send an API token.");
      const room = await store.rooms.findBySlug(c.req.param("slug"));
      if (!room) return problem(c, 404, "No such room.");
      const query = historyQuery.safeParse(c.req.query());
      if (!query.success) return problem(c, 400, query.error.issues[0]?.message ?? "Bad query.");
      const { before, after, limit } = query.data;
      const messages =
        before !== undefined
          ? await store.messages.before(room.id, before, limit)
          : after !== undefined
            ? await store.messages.after(room.id, after, limit)
            : await store.messages.latest(room.id, limit);
      return c.json({ messages: messages.map(messageJson) });
    })
    .post("/rooms/:slug/messages", async (c) => {
      const user = await caller(c);
      if (!user) return problem(c, 401, "Sign in or send an API token.");
      const room = await store.rooms.findBySlug(c.req.param("slug"));
      if (!room) return problem(c, 404, "No such room.");
      const input = await c.req.json().catch(() => undefined);
      if (typeof input !== "object" || input === null) return problem(c, 400, 'Send a JSON object: {"body": "…"}.');
      const key = keySchema.safeParse(c.req.header("idempotency-key") ?? undefined);
      if (c.req.header("idempotency-key") !== undefined && !key.success) {
        return problem(c, 400, "Idempotency-Key must be 1–64 characters of A–Z, a–z, 0–9, _ and -.");
      }
      const body = (input as { body?: unknown }).body;
      const result = await post({ store, bus: deps.bus, rateLimit }, room, user, { body, key: key.data ?? null });
      if (!result.ok) {
        // Whole seconds, rounded up: a client that waits this long is not refused again.
        if (result.status === 429) c.header("retry-after", String(Math.max(1, Math.ceil(result.retryAfterMs / 1000))));
        return problem(c, result.status, result.error);
      }
      await store.rooms.join(room.id, user.id);
      // A retried request with the same key gets the first answer's message, not a second copy.
      return c.json({ message: messageJson(result.message) }, result.created ? 201 : 200);
    });
}
