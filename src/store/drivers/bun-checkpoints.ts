import type { CheckpointWriter, OffLoopCheckpoints } from "../sync-sqlite.ts";
import { type CheckpointReply, checkpointRounds } from "./checkpoint-rounds.ts";

/** Checkpoints the WAL of the database at `path` on a Bun Worker (bun-checkpoint-worker.ts); see checkpoint-rounds.ts. */
export function checkpointOffTheLoop(path: string, writer: CheckpointWriter): OffLoopCheckpoints {
  // Small heap: it holds one connection. Unreferenced (Bun's default): it never keeps a stopping process alive.
  const worker = new Worker(new URL("./bun-checkpoint-worker.ts", import.meta.url).href, { smol: true });
  return checkpointRounds(
    path,
    {
      post: (order) => worker.postMessage(order),
      onReply: (listener) =>
        worker.addEventListener("message", (event: MessageEvent<CheckpointReply>) => listener(event.data)),
      onError: (listener) => worker.addEventListener("error", (event) => listener(event.error ?? event.message)),
      terminate: () => worker.terminate(),
    },
    writer,
  );
}
