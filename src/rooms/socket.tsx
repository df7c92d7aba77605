import type { Context } from "hono";
import type { WSContext } from "hono/ws";
import { pendingId } from "../../views/messages/pending.tsx";
import { ComposerError, composerErrorId, Refusal, type RefusalKind } from "../../views/messages/refusal.tsx";
import { Remove, Replace } from "../../views/messages/stream.tsx";
import { render } from "../../views/render.ts";
import type { AppEnv, Deps } from "../app-env.ts";
import type { Room, User } from "../store/records.ts";
import { canJoin, closeCodes, isSameOrigin } from "./access.ts";
import { roomTopic } from "./broadcasts.tsx";
import { catchUpFrames } from "./catch-up.tsx";
import type { Channels } from "./channels.ts";
import { parseFrame } from "./message-input.ts";
import { post } from "./messages.ts";
import type { RateLimit } from "./rate-limit.ts";

type Admission = { ok: true; user: User; room: Room } | { ok: false; code: number; reason: string };

/** Decides before anything is sent: only an admitted socket ever receives a room's fragments. */
async function admit(c: Context<AppEnv>, deps: Deps): Promise<Admission> {
  if (!isSameOrigin(c, deps.config)) return { ok: false, code: closeCodes.forbidden, reason: "foreign origin" };
  const user = c.var.user;
  if (!user) return { ok: false, code: closeCodes.unauthenticated, reason: "sign in first" };
  const room = await deps.store.rooms.findBySlug(c.req.param("slug") ?? "");
  if (!room) return { ok: false, code: closeCodes.noSuchRoom, reason: "no such room" };
  if (!canJoin(user, room)) return { ok: false, code: closeCodes.forbidden, reason: "not a member" };
  return { ok: true, user, room };
}

const afterId = (c: Context) => {
  const after = Number(c.req.query("after"));
  return Number.isSafeInteger(after) && after >= 0 ? after : null;
};

/**
 * The room's socket: subscribe first, then replay what the client missed since `?after=`,
 * then stream live fragments. A live fragment may also arrive in the replay; the list
 * upserts by message id, so it shows once. Each send is acknowledged to its sender.
 */
export function roomSocket(deps: Deps, channels: Channels, rateLimit: RateLimit | null) {
  return deps.upgradeWebSocket(async (c: Context<AppEnv>) => {
    const admission = await admit(c, deps);
    const after = afterId(c);
    const log = (error: unknown) => console.error(`socket ${c.req.path}:`, error);

    if (!admission.ok) {
      return { onOpen: (_event: Event, ws: WSContext) => ws.close(admission.code, admission.reason) };
    }
    const { user, room } = admission;
    const topic = roomTopic(room);

    /**
     * A refusal goes to the sender only, and never touches the composer's draft: a keyed send's
     * pending item becomes a "not sent" item (text, reason, what to do); a frame without a key
     * gets the reason in the composer's error line.
     */
    const refuse = async (
      ws: WSContext,
      error: string,
      refused: { body?: string; key?: string | null; kind?: RefusalKind; retryAfterMs?: number } = {},
    ) => {
      const { body = "", key = null, kind = "invalid", retryAfterMs } = refused;
      const fragment = key ? (
        <Replace target={pendingId(key)}>
          <Refusal sendKey={key} body={body} error={error} kind={kind} retryAfterMs={retryAfterMs} />
        </Replace>
      ) : (
        <Replace target={composerErrorId(room)}>
          <ComposerError room={room} error={error} />
        </Replace>
      );
      ws.send(await render(fragment));
    };

    /** The acknowledgement: the stored message itself (so it shows even before the broadcast) and the end of "sending". */
    const acknowledge = async (ws: WSContext, fragment: string, key: string) =>
      ws.send(fragment + (await render(<Remove target={pendingId(key)} />)));

    // Frames wait until the socket is subscribed, so a sender always gets its own broadcast.
    let subscribed: Promise<void> = Promise.resolve();
    return {
      onOpen(_event: Event, ws: WSContext) {
        subscribed = (async () => {
          await deps.store.rooms.join(room.id, user.id);
          await channels.join(ws, topic);
        })();
        subscribed
          .then(async () => {
            if (after === null) return;
            for (const frame of await catchUpFrames(deps.store, room, after)) ws.send(frame);
          })
          .catch(log);
      },
      onMessage(event: MessageEvent, ws: WSContext) {
        const frame = parseFrame(event.data);
        if (!frame.ok) {
          refuse(ws, frame.error).catch(log);
          return;
        }
        const { key } = frame;
        subscribed
          .then(() => post({ store: deps.store, bus: deps.bus, rateLimit }, room, user, frame))
          .then((result) => {
            if (!result.ok) {
              const held = result.status === 429 ? { kind: "held" as const, retryAfterMs: result.retryAfterMs } : {};
              return refuse(ws, result.error, { body: result.body, key, ...held });
            }
            if (key) return acknowledge(ws, result.fragment, key);
          })
          .catch(async (error) => {
            log(error);
            const body = typeof frame.body === "string" ? frame.body : "";
            await refuse(ws, "something went wrong on our side.", { body, key, kind: "failed" }).catch(log);
          });
      },
      onClose(_event: CloseEvent, ws: WSContext) {
        channels.leave(ws, topic);
      },
    };
  });
}
