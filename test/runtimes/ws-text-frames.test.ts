import type { AddressInfo } from "node:net";
import type { WSContext } from "hono/ws";
import { describe, expect, it } from "vitest";
import * as ws from "ws";
import { WebSocket, WebSocketServer } from "ws";
import { createSocketSetFanout } from "../../src/runtime/socket-set-fanout.ts";
import { textFrame, wsTextFrames } from "../../src/runtime/ws-text-frames.ts";

/** `ws`'s frame parser: there at run time, missing from its type declarations. */
const { Receiver } = ws as unknown as {
  Receiver: new (options: {
    isServer: boolean;
  }) => NodeJS.WritableStream & {
    on(event: "message", listener: (data: Buffer, isBinary: boolean) => void): void;
  };
};

/** Reads frames as a `ws` client does (a server's frames come unmasked). */
const received = (frame: Buffer) => {
  const receiver = new Receiver({ isServer: false });
  const messages: string[] = [];
  receiver.on("message", (data, isBinary) => messages.push(`${isBinary ? "binary" : "text"}:${data}`));
  receiver.write(frame);
  return messages;
};

describe("Node's fan-out frames, encoded once per publish", () => {
  it("is a text frame a WebSocket client reads back whole, at every length encoding", () => {
    for (const text of ["hi", "é".repeat(100), "<p>x</p>".repeat(9000)]) {
      expect(received(textFrame(text))).toEqual([`text:${text}`]);
    }
  });

  it("sizes the frame by the text's UTF-8 bytes, not its characters", () => {
    const frame = textFrame("é".repeat(100));
    expect(frame[1]).toBe(126);
    expect(frame.readUInt16BE(2)).toBe(200);
  });
});

/** A real `ws` server and client on loopback; the server's side wrapped as Parley's adapter hands it over. */
async function connectedPair(perMessageDeflate: boolean) {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate });
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  const accepted = new Promise<WebSocket>((resolve) => server.once("connection", resolve));
  const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate });
  const raw = await accepted;
  await new Promise((resolve) => client.once("open", resolve));
  const sends: string[] = [];
  const ws = {
    raw,
    get readyState() {
      return raw.readyState;
    },
    send: (data: string) => {
      sends.push(data);
      raw.send(data);
    },
    close: (code?: number) => raw.close(code),
  } as unknown as WSContext;
  const next = () => new Promise<string>((resolve) => client.once("message", (data) => resolve(String(data))));
  const close = async () => {
    client.terminate();
    await new Promise((resolve) => server.close(resolve));
  };
  return { ws, sends, next, close };
}

describe("Node's fan-out over real sockets", () => {
  it("writes the prepared frame itself to a plain socket, and the client reads the text", async () => {
    const pair = await connectedPair(false);
    const fanout = createSocketSetFanout(wsTextFrames);
    fanout.subscribe(pair.ws, "room:1");
    const arriving = pair.next();
    expect(fanout.publish("room:1", "<p>héllo</p>")).toBe(1);
    expect(await arriving).toBe("<p>héllo</p>");
    expect(pair.sends).toEqual([]);
    await pair.close();
  });

  it("hands a compressing socket to its own send, which frames it as negotiated", async () => {
    const pair = await connectedPair(true);
    const fanout = createSocketSetFanout(wsTextFrames);
    fanout.subscribe(pair.ws, "room:1");
    const arriving = pair.next();
    fanout.publish("room:1", "<p>squeezed</p>");
    expect(await arriving).toBe("<p>squeezed</p>");
    expect(pair.sends).toEqual(["<p>squeezed</p>"]);
    await pair.close();
  });
});
