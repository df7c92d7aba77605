/**
 * How long each group commit took, for whoever listens (the metrics): the store is opened before
 * the app that counts exists, so the listener comes later, and there is one at most. Nothing is
 * kept while nobody listens.
 */
export function commitTimes() {
  let listener: ((seconds: number) => void) | undefined;
  return {
    record(seconds: number): void {
      listener?.(seconds);
    },
    listen(to: (seconds: number) => void): void {
      listener = to;
    },
  };
}

export type CommitTimes = ReturnType<typeof commitTimes>;
