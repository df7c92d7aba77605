import { type Context, Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Deps } from "../app-env.ts";
import { clientIp, networkOf } from "./client-ip.ts";
import { createTokenBuckets, type Limit } from "./token-buckets.ts";

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
export function throttles(deps: Pick<Deps, "config" | "remoteAddress">) {
  const app = new Hono<AppEnv>();
  if (deps.config.RATE_LIMIT === "off") return app;
  const guard = (limit: { ip: Limit; account?: Limit }, accountOf?: AccountOf) => {
    const byIp = createTokenBuckets(limit.ip);
    const byAccount = limit.account ? createTokenBuckets(limit.account) : null;
    return createMiddleware<AppEnv>(async (c, next) => {
      const ip = byIp.take(networkOf(clientIp(c, deps)));
      if (!ip.ok) return refuse(c, ip.retryAfter);
      const account = byAccount && accountOf ? await accountOf(c) : undefined;
      const held = account && byAccount ? byAccount.take(account) : null;
      if (held && !held.ok) return refuse(c, held.retryAfter);
      await next();
    });
  };
  return app
    .post("/login", guard(limits.login, usernameTried))
    .post("/signup", guard(limits.signup))
    .post("/rooms", guard(limits.createRoom, signedIn))
    .post("/settings/tokens", guard(limits.createToken, signedIn))
    .post("/settings/password", guard(limits.changePassword, signedIn))
    .post("/rooms/:slug/messages", guard(limits.postImage, signedIn))
    .post("/embed/:slug/guest", guard(limits.embedGuest));
}

function refuse(c: Context, retryAfter: number): never {
  c.header("Retry-After", String(retryAfter));
  const [n, unit] = retryAfter < 90 ? [retryAfter, "second"] : [Math.ceil(retryAfter / 60), "minute"];
  throw new HTTPException(429, { message: `Too many attempts: try again in ${n} ${unit}${n === 1 ? "" : "s"}.` });
}
