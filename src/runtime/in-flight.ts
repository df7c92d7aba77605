type Fetch<A extends unknown[]> = (request: Request, ...rest: A) => Response | Promise<Response>;

/**
 * Requests being answered, for a runtime whose shutdown cuts them off: Deno's `shutdown()`
 * drops the body of a request still arriving. `finish` refuses new requests with a 503 (a
 * proxy retries them elsewhere) and resolves once those already in flight are answered.
 */
export function inFlight<A extends unknown[]>(fetch: Fetch<A>) {
  let count = 0;
  let closing = false;
  const idle: (() => void)[] = [];
  return {
    fetch: async (request: Request, ...rest: A): Promise<Response> => {
      if (closing) {
        return new Response("Shutting down: try again.", {
          status: 503,
          headers: { connection: "close", "retry-after": "1" },
        });
      }
      count++;
      try {
        return await fetch(request, ...rest);
      } finally {
        if (--count === 0) for (const wake of idle.splice(0)) wake();
      }
    },
    finish(): Promise<void> {
      closing = true;
      return count === 0 ? Promise.resolve() : new Promise((resolve) => idle.push(resolve));
    },
  };
}
