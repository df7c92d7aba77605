import type { CheckpointWriter, OffLoopCheckpoints } from "../sync-sqlite.ts";
import type { CheckpointDone, CheckpointOrder } from "./bun-checkpoint-worker.ts";

/** How often the log is copied into the database file: a quarter second of writes at most. */
export const checkpointEveryMs = 250;
/**
 * Past this many frames (16 MB) a round holds commits back to start the log afresh. Each hold
 * keeps the turn's messages waiting a few milliseconds: every round's would show in the tail
 * latency, one every few seconds hardly does. SQLite's own default restarts at 1,000 frames.
 */
const restartPastFrames = 4000;
/** The longest commits wait for the last frames to be copied (then the log starts afresh). */
const holdAtMostMs = 50;

/**
 * Checkpoints the WAL of the database at `path` on a thread of its own (bun-checkpoint-worker.ts).
 * A checkpoint waits for the disk; run by a commit on the event loop, as SQLite does every 1,000
 * pages, it stalled every socket 5–10 ms several times a second under load. A checkpoint
 * beside a busy writer never catches up with it, though, and the log starts afresh only once
 * all of it is copied: so each round copies what is there while commits go on and, once the
 * log is long, holds commits back for the moment it takes to copy the few frames written
 * meanwhile. The next commit starts the log from the beginning.
 */
export function checkpointOffTheLoop(path: string, { hold, failed }: CheckpointWriter): OffLoopCheckpoints {
  // Small heap: it holds one connection. Unreferenced (Bun's default): it never keeps a stopping process alive.
  const worker = new Worker(new URL("./bun-checkpoint-worker.ts", import.meta.url).href, { smol: true });
  let stopped = false;
  let broken = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let answer: ((done: CheckpointDone) => void) | null = null;
  let onStopped: (() => void) | null = null;

  worker.addEventListener("error", (event) => {
    stopped = true;
    broken = true;
    clearTimeout(timer);
    failed(event.error ?? event.message);
  });
  worker.addEventListener("message", (event: MessageEvent<CheckpointDone | "opened" | "stopped">) => {
    const message = event.data;
    if (message === "opened") schedule();
    else if (message === "stopped") onStopped?.();
    else answer?.(message);
  });
  const checkpoint = () =>
    new Promise<CheckpointDone>((resolve) => {
      answer = resolve;
      worker.postMessage("checkpoint" satisfies CheckpointOrder);
    });
  let copied = 0;
  const round = async () => {
    const first = await checkpoint();
    // Nothing written since the last round: nothing to hold commits back for.
    const idle = first.log === copied && first.checkpointed === first.log;
    copied = first.checkpointed;
    if (stopped || idle || first.log < restartPastFrames) return;
    const release = hold();
    const limit = setTimeout(release, holdAtMostMs);
    copied = (await checkpoint()).checkpointed;
    clearTimeout(limit);
    release();
  };
  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => round().then(schedule, failed), checkpointEveryMs);
    timer.unref?.();
  }
  worker.postMessage({ open: path } satisfies CheckpointOrder);

  return {
    /** Ends the thread (waiting 2 s at most); the writer's connection checkpoints what is left as it closes. */
    stop: () =>
      new Promise<void>((resolve) => {
        stopped = true;
        clearTimeout(timer);
        const done = () => {
          clearTimeout(timeUp);
          worker.terminate();
          resolve();
        };
        const timeUp = setTimeout(done, 2000);
        if (broken) return done();
        onStopped = done;
        worker.postMessage("stop" satisfies CheckpointOrder);
      }),
  };
}
