import { createECDH, randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { decrypt } from "http_ece";

/** One push as the push service received it, and its payload as the browser decrypts it. */
export interface ReceivedPush {
  path: string;
  headers: IncomingHttpHeaders;
  payload: unknown;
}

/**
 * A browser's push service and the browser, played by the test: an HTTP server that keeps every
 * push it is sent and answers 201 (or what `answer` says for an endpoint, 410 for "gone"), and
 * browsers' subscriptions made with keys the test holds, so each push is decrypted as a browser
 * would (aes128gcm, RFC 8291) with its private key and auth secret.
 */
export async function startPushService() {
  const browsers = new Map<string, { keys: ReturnType<typeof createECDH>; auth: Buffer }>();
  const answers = new Map<string, number>();
  const received: ReceivedPush[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "";
      const browser = browsers.get(path);
      const status = answers.get(path) ?? (browser ? 201 : 404);
      if (browser && status === 201) {
        const plain = decrypt(Buffer.concat(chunks), {
          version: "aes128gcm",
          privateKey: browser.keys,
          authSecret: browser.auth,
        });
        received.push({ path, headers: request.headers, payload: JSON.parse(plain.toString("utf8")) });
      }
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let next = 0;
  return {
    received,
    /** A new browser's subscription, as PushSubscription.toJSON() gives it. */
    subscribe() {
      const keys = createECDH("prime256v1");
      keys.generateKeys();
      const auth = randomBytes(16);
      const path = `/push/${++next}`;
      browsers.set(path, { keys, auth });
      return {
        endpoint: `${base}${path}`,
        expirationTime: null,
        keys: { p256dh: keys.getPublicKey().toString("base64url"), auth: auth.toString("base64url") },
      };
    },
    /** From now on the push service answers `status` for this endpoint (410: the subscription is gone). */
    answer(endpoint: string, status: number) {
      answers.set(new URL(endpoint).pathname, status);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
