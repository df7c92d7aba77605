import type { CheckpointWriter, OffLoopCheckpoints } from "../sync-sqlite.ts";

/** What the main thread asks of a checkpoint thread: open the file, checkpoint once, stop. */
export type CheckpointOrder = { open: string } | "checkpoint" | "stop";
/** Frames in the log, and how many of them are now in the database file. */
export type CheckpointDone = { log: number; checkpointed: number };
export type CheckpointReply = CheckpointDone | "opened" | "stopped";

/** A thread beside the event loop holding its own connection (Bun's Worker, Node's worker_threads). */
export interface CheckpointThread {
  post(order: CheckpointOrder): void;
  onReply(listener: (reply: CheckpointReply) => void): void;
  onError(listener: (error: unknown) => void): void;
  /** Ends the thread; it never keeps a stopping process alive in the meantime. */
  terminate(): void;
}

/** How often the log is copied into the database file: a quarter second of writes at most. */
const checkpointEveryMs = 250;
/**
 * Past this many frames (16 MB) a round holds commits back to start the log afresh. Each hold
 * keeps the turn's messages waiting a few milliseconds: every round's would show in the tail
 * latency, one every few seconds hardly does. SQLite's own default restarts at 1,000 frames.
 */
const restartPastFrames = 4000;
/** The longest commits wait for the last frames to be copied (then the log starts afresh). */
const holdAtMostMs = 50;

/**
 * Checkpoints the WAL of the database at `path` on a thread of its own. A checkpoint waits for
 * the disk; run by a commit on the event loop, as SQLite does every 1,000 pages, it stalled
 * every socket 5–10 ms several times a second under load. A checkpoint beside a busy writer
 * never catches up with it, though, and the log starts afresh only once all of it is copied:
 * so each round copies what is there while commits go on and, once the log is long, holds
 * commits back for the moment it takes to copy the few frames written meanwhile. The next
 * commit starts the log from the beginning.
 */
export function checkpointRounds(
  path: string,
  thread: CheckpointThread,
  { hold, failed }: CheckpointWriter,
): OffLoopCheckpoints {
  let stopped = false;
  let broken = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let answer: ((done: CheckpointDone) => void) | null = null;
  let onStopped: (() => void) | null = null;

  thread.onError((error) => {
    stopped = true;
    broken = true;
    clearTimeout(timer);
    failed(error);
  });
  thread.onReply((reply) => {
    if (reply === "opened") schedule();
    else if (reply === "stopped") onStopped?.();
    else answer?.(reply);
  });
  const checkpoint = () =>
    new Promise<CheckpointDone>((resolve) => {
      answer = resolve;
      thread.post("checkpoint");
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
  thread.post({ open: path });

  return {
    /** Ends the thread (waiting 2 s at most); the writer's connection checkpoints what is left as it closes. */
    stop: () =>
      new Promise<void>((resolve) => {
        stopped = true;
        clearTimeout(timer);
        const done = () => {
          clearTimeout(timeUp);
          thread.terminate();
          resolve();
        };
        const timeUp = setTimeout(done, 2000);
        if (broken) return done();
        onStopped = done;
        thread.post("stop");
      }),
  };
}
