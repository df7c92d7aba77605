/**
 * Bounds on what one socket, or one session's sockets, may hold on this instance. A reader too
 * slow for its room is closed rather than skipped: skipping would leave a hole in its page,
 * while a closed socket reconnects and catches up from the newest message it shows.
 */
export const socketLimits = {
  /**
   * Bytes queued for one socket before it is closed as too slow. Above the largest catch-up
   * frame a page asks for in one go, far above what a reading client ever queues.
   */
  bufferedBytes: 4 * 1024 * 1024,
  /** Open sockets of one session (tabs and rooms): on each instance, and over all of them through Redis. */
  perSession: 20,
} as const;
