import type { WSContext } from "hono/ws";
import type { FrameWriter } from "./socket-set-fanout.ts";

/** What of a `ws` WebSocket (Node) writing one prepared frame needs: its sender and extensions. */
interface WsSocket {
  _sender?: { _state?: number; _firstFragment?: boolean; sendFrame?(list: Buffer[]): void };
  _extensions?: Record<string, unknown>;
}

/**
 * Fan-out's frames for `ws` (Node), encoded once per publish rather than once per socket:
 * `ws.send(text)` measures the text, builds a header and writes the two corked, encoding the
 * text to UTF-8 again for every socket of the room. A server's frames are unmasked and, with
 * permessage-deflate off (as `ws` has it for a server), the same bytes for every socket: one
 * buffer, one write each. Socket.IO's engine.io sends pre-encoded broadcasts the same way.
 * A socket whose sender is busy (mid-fragment, compressing, queueing) gets `send` as before.
 */
export const wsTextFrames: FrameWriter<Buffer> = {
  encode: textFrame,
  write(ws: WSContext, frame: Buffer, payload: string) {
    const socket = ws.raw as WsSocket | undefined;
    const sender = socket?._sender;
    const idle = sender?._state === 0 && sender._firstFragment === true && !socket?._extensions?.["permessage-deflate"];
    if (idle && sender.sendFrame) sender.sendFrame([frame]);
    else ws.send(payload);
  },
};

/** One unmasked, final text frame (RFC 6455 §5.2) holding `text`. */
export function textFrame(text: string): Buffer {
  const length = Buffer.byteLength(text);
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81; // FIN, opcode 1 (text)
  if (length < 126) frame[1] = length;
  else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.write(text, headerLength, "utf8");
  return frame;
}
