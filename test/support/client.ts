import WebSocket from "ws";

/** A signed-in HTTP client of a running server: keeps its session cookie, sends its Origin. */
export async function signUpOver(url: string, username: string, password = "a long enough secret") {
  const response = await fetch(`${url}/signup`, {
    method: "POST",
    body: new URLSearchParams({ username, password }),
    headers: { origin: url },
    redirect: "manual",
  });
  if (response.status !== 303) throw new Error(`sign-up of ${username} failed: ${response.status}`);
  const cookie =
    response.headers
      .getSetCookie()
      .find((c) => c.startsWith("parley_session="))
      ?.split(";")[0] ?? "";
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      redirect: "manual",
      headers: { origin: url, cookie, ...(init.headers as Record<string, string>) },
    });
  return {
    username,
    cookie,
    call,
    createRoom: async (name: string) => {
      const created = await call("/rooms", { method: "POST", body: new URLSearchParams({ name }) });
      return (created.headers.get("location") as string).replace("/rooms/", "");
    },
    messages: async (slug: string) =>
      (await (await call(`/api/rooms/${slug}/messages?limit=100`)).json()).messages as { id: number; body: string }[],
  };
}

export type Client = Awaited<ReturnType<typeof signUpOver>>;

/** A real WebSocket to a room, recording every frame; waits are event-driven, never sleeps. */
export function openRoomSocket(url: string, slug: string, headers: Record<string, string>, query = "") {
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}/rooms/${slug}/ws${query}`, { headers });
  const frames: string[] = [];
  const waiters: (() => void)[] = [];
  ws.on("message", (data) => {
    frames.push(data.toString());
    for (const wake of waiters.splice(0)) wake();
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return {
    ws,
    frames,
    opened,
    closed,
    send: (json: unknown) => ws.send(typeof json === "string" ? json : JSON.stringify(json)),
    /** Resolves with the first frame (from index `from`) that satisfies the test. */
    async frame(test: (frame: string) => boolean, from = 0): Promise<string> {
      for (;;) {
        const found = frames.slice(from).find(test);
        if (found !== undefined) return found;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    close: () => ws.close(),
  };
}
