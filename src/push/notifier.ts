import webPush from "web-push";
import type { Paths } from "../../views/paths.ts";
import { nextTurn } from "../delivery/next-turn.ts";
import { previewOf } from "../rooms/message-rules.ts";
import type { Message, MessageAuthor, Room } from "../store/records.ts";
import type { PushSubscriptionKeys, Store } from "../store/store.ts";
import type { VapidKeys } from "./vapid.ts";

/** What one message's pushes came to: sent, refused by the push service, or gone (404/410, forgotten). */
export interface PushOutcome {
  messageId: number;
  sent: number;
  gone: number;
  failed: number;
}

/** What the notification shows and where it leads (static/push-worker.js reads it). */
export interface PushPayload {
  title: string;
  body: string;
  /** The room opened at the message: `<base>/rooms/<slug>?at=<id>`. */
  url: string;
  icon: string;
  /** One notification per room on the device: a newer one replaces it. */
  tag: string;
}

export interface PushNotifier {
  /** A new message is stored and broadcast: pushed to whom it concerns, never awaited by its sender. */
  messageStored(room: Room, message: Message, author: MessageAuthor, mentions: readonly number[]): void;
}

/**
 * A mention reaches someone within the day or not at all; "normal" is RFC 8030's urgency for
 * a chat message (a phone in power saving may hold it back a little).
 */
export const pushTtlSeconds = 12 * 60 * 60;
const sendTimeoutMs = 10_000;

/**
 * Web Push for people who have no tab open in the room: each person a message mentions, or in a
 * direct room everyone but its author, whose choice for the room is not "none" and who is not
 * present there on any instance (presence), gets it on every browser they subscribed. The keys
 * and the subject are the deployment's (vapid.ts). Requests are made with fetch from web-push's
 * signed and encrypted request details, so every runtime sends them the same way. A push service
 * answering 404 or 410 has dropped the subscription: it is forgotten. Failures are logged with
 * the push service's host and status only, never the message.
 */
export function createPushNotifier({
  store,
  present,
  paths,
  keys,
  subject,
  log = console.error,
  settled,
  fetch: send = fetch,
}: {
  store: Pick<Store, "pushSubscriptions">;
  /** Who has a socket open in the room now, on any instance. */
  present: (roomId: number) => Promise<{ id: number }[]>;
  paths: Paths;
  keys: () => Promise<VapidKeys>;
  subject: string;
  log?: (line: string) => void;
  /** Told once each message's pushes are done (tests await it). */
  settled?: (outcome: PushOutcome) => void;
  fetch?: typeof fetch;
}): PushNotifier {
  const deliver = async (room: Room, message: Message, author: MessageAuthor, mentions: readonly number[]) => {
    const outcome: PushOutcome = { messageId: message.id, sent: 0, gone: 0, failed: 0 };
    const direct = room.visibility === "direct";
    const mentioned = mentions.filter((id) => id !== author.id);
    // Most messages mention no one: no query at all for them.
    if (!direct && mentioned.length === 0) return outcome;
    const targets = await store.pushSubscriptions.recipients(room.id, direct ? { allBut: author.id } : { mentioned });
    if (targets.length === 0) return outcome;
    const here = new Set((await present(room.id)).map((person) => person.id));
    const away = targets.filter((target) => !here.has(target.userId));
    if (away.length === 0) return outcome;
    const name = author.displayName ?? author.username;
    const payload: PushPayload = {
      title: direct ? name : `${name} in ${room.name}`,
      body: previewOf(message.body),
      url: paths.to(`/rooms/${room.slug}?at=${message.id}`),
      icon: paths.to("/static/favicon.svg"),
      tag: `parley-room-${room.id}`,
    };
    const vapidDetails = { subject, ...(await keys()) };
    const text = JSON.stringify(payload);
    await Promise.all(
      away.map(async (target) => {
        const result = await pushOne(target, text, vapidDetails);
        outcome[result]++;
      }),
    );
    return outcome;
  };

  const pushOne = async (
    target: PushSubscriptionKeys,
    text: string,
    vapidDetails: VapidKeys & { subject: string },
  ): Promise<"sent" | "gone" | "failed"> => {
    const host = hostOf(target.endpoint);
    try {
      const request = webPush.generateRequestDetails(
        { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
        text,
        { vapidDetails, TTL: pushTtlSeconds, urgency: "normal" },
      );
      const response = await send(request.endpoint, {
        method: request.method,
        headers: request.headers,
        body: new Uint8Array(request.body),
        redirect: "error",
        signal: AbortSignal.timeout(sendTimeoutMs),
      });
      await response.body?.cancel();
      if (response.ok) return "sent";
      if (response.status === 404 || response.status === 410) {
        await store.pushSubscriptions.forget(target.endpoint);
        return "gone";
      }
      log(`push: ${host} answered ${response.status}`);
      return "failed";
    } catch (error) {
      log(`push: ${host} could not be reached (${error instanceof Error ? error.name : "error"})`);
      return "failed";
    }
  };

  return {
    messageStored(room, message, author, mentions) {
      // Most messages mention no one: told at once, without a promise on the sender's path.
      if (room.visibility !== "direct" && !mentions.some((id) => id !== author.id)) {
        settled?.({ messageId: message.id, sent: 0, gone: 0, failed: 0 });
        return;
      }
      // The recipients' query and the encryption must not hold the message's frames back.
      nextTurn(() =>
        deliver(room, message, author, mentions)
          .catch((error: unknown) => {
            // The name only: a failed query's message carries its parameters (the keys, when claiming them).
            log(`push: message ${message.id} not pushed (${error instanceof Error ? error.name : "error"})`);
            return { messageId: message.id, sent: 0, gone: 0, failed: 1 };
          })
          .then((outcome) => settled?.(outcome)),
      );
    },
  };
}

const hostOf = (endpoint: string) => {
  try {
    return new URL(endpoint).host;
  } catch {
    return "a push service";
  }
};
