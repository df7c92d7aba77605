import { type Context, Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Deps } from "../app-env.ts";
import { clientIp, networkOf } from "./client-ip.ts";
import { retryAfter } from "./retry-after.ts";

/** A throttle: up to `burst` at once, then one more every `everySeconds`. */
interface Limit {
  burst: number;
  everySeconds: number;
}

/**
 * How often a network (per IP, IPv6 by /64) and an account may do each costly or abusable
 * thing. Log-in counts by the username tried, so guessing one person's password from many
 * addresses is held too; the right password is refused as well while the limit holds.
 */
export const limits = {
  login: { ip: { burst: 20, everySeconds: 15 }, account: { burst: 10, everySeconds: 60 } },
  signup: { ip: { burst: 10, everySeconds: 60 } },
  createRoom: { ip: { burst: 20, everySeconds: 30 }, account: { burst: 5, everySeconds: 60 } },
  // Guessing a password through the settings form must be no easier than through log-in.
  changePassword: { ip: { burst: 20, everySeconds: 15 }, account: { burst: 10, everySeconds: 60 } },
  createToken: { ip: { burst: 20, everySeconds: 30 }, account: { burst: 5, everySeconds: 60 } },
  // Each may write up to 2 MB to the disk: a few dozen pictures in a row, then one every 10 s.
  postImage: { ip: { burst: 60, everySeconds: 5 }, account: { burst: 30, everySeconds: 10 } },
  // Each makes a user: a classroom behind one address can join at once, a script cannot mint thousands.
  embedGuest: { ip: { burst: 30, everySeconds: 20 } },
  // Each reads an index across rooms: people search in bursts as they refine, a script cannot loop.
  search: { ip: { burst: 60, everySeconds: 1 }, account: { burst: 20, everySeconds: 1 } },
} satisfies Record<string, { ip: Limit; account?: Limit }>;

type AccountOf = (c: Context<AppEnv>) => Promise<string | undefined> | string | undefined;

const usernameTried: AccountOf = async (c) => {
  const { username } = await c.req.parseBody();
  return typeof username === "string" ? username.trim().toLowerCase() : undefined;
};
const signedIn: AccountOf = (c) => (c.var.user ? String(c.var.user.id) : undefined);

/**
 * The throttled routes, mounted before the routes that do the work (each passes on with
 * `next()`). Over a limit: 429 with `Retry-After`, rendered by errors.tsx as a page (or JSON
 * under /api). `RATE_LIMIT=off` lifts them all, for benchmarks and load tests.
 */
export function throttles(deps: Pick<Deps, "config" | "remoteAddress" | "limiter">) {
  const app = new Hono<AppEnv>();
  if (deps.config.RATE_LIMIT === "off") return app;
  const guard = (name: keyof typeof limits, accountOf?: AccountOf) => {
    const limit: { ip: Limit; account?: Limit } = limits[name];
    const perMs = (each: Limit) => ({ burst: each.burst, everyMs: each.everySeconds * 1000 });
    return createMiddleware<AppEnv>(async (c, next) => {
      const ip = await deps.limiter.take(`${name}:ip`, networkOf(clientIp(c, deps)), perMs(limit.ip));
      if (!ip.ok) return refuse(c, ip.retryAfterMs);
      const account = limit.account && accountOf ? await accountOf(c) : undefined;
      if (limit.account && account) {
        const held = await deps.limiter.take(`${name}:account`, account, perMs(limit.account));
        if (!held.ok) return refuse(c, held.retryAfterMs);
      }
      await next();
    });
  };
  return app
    .post("/login", guard("login", usernameTried))
    .post("/signup", guard("signup"))
    .post("/rooms", guard("createRoom", signedIn))
    .post("/settings/tokens", guard("createToken", signedIn))
    .post("/settings/password", guard("changePassword", signedIn))
    .post("/rooms/:slug/messages", guard("postImage", signedIn))
    .post("/embed/:slug/guest", guard("embedGuest"))
    .get("/search", guard("search", signedIn))
    .get("/api/search", guard("search", signedIn));
}

function refuse(c: Context, retryAfterMs: number): never {
  const seconds = retryAfter(retryAfterMs);
  c.header("Retry-After", seconds);
  const wait = Number(seconds);
  const [n, unit] = wait < 90 ? [wait, "second"] : [Math.ceil(wait / 60), "minute"];
  throw new HTTPException(429, { message: `Too many attempts: try again in ${n} ${unit}${n === 1 ? "" : "s"}.` });
}
