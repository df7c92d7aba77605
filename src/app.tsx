import { Hono } from "hono";
import { compress } from "hono/compress";
import { pathsUnder } from "../views/paths.ts";
import { profileRoutes } from "./accounts/profile-routes.tsx";
import { accountRoutes } from "./accounts/routes.tsx";
import { loadUser } from "./accounts/sessions.ts";
import { settingsRoutes } from "./accounts/settings-routes.tsx";
import { administrators, markAdministrators } from "./admin/administrators.ts";
import { adminApiRoutes } from "./admin/api-routes.ts";
import { adminRoutes } from "./admin/routes.tsx";
import { memberApiRoutes } from "./api/member-routes.ts";
import { messageChangeApiRoutes } from "./api/message-change-routes.ts";
import { apiRoutes } from "./api/routes.ts";
import { searchApiRoutes } from "./api/search-routes.ts";
import type { AppEnv, Deps } from "./app-env.ts";
import { createChannels } from "./delivery/channels.ts";
import { coalescing } from "./delivery/coalescing-fanout.ts";
import { createOthersChannel } from "./delivery/others-channel.ts";
import { createProfileChanges } from "./delivery/profile-changes.ts";
import { startResync } from "./delivery/resync.ts";
import { createRoomActivity } from "./delivery/room-activity.ts";
import { createRoomRecords } from "./delivery/room-records.ts";
import { createSessionSockets } from "./delivery/session-sockets.ts";
import { socketLimits } from "./delivery/socket-limits.ts";
import { embedRoutes } from "./embed/routes.tsx";
import { answersJson, notFound, onError } from "./errors.tsx";
import { fileRoutes } from "./files/routes.ts";
import { createUploads } from "./files/uploads.ts";
import { healthRoutes } from "./health.ts";
import { bodyLimit } from "./http/body-limits.ts";
import { sameOriginWrites } from "./http/csrf.ts";
import { identified } from "./http/identity.ts";
import { pagesUnder } from "./http/page-renderer.tsx";
import { framable, securityHeaders } from "./http/security-headers.ts";
import { throttles } from "./http/throttles.ts";
import { personSocket } from "./live/person-socket.tsx";
import { createRoomPresence } from "./live/room-presence.tsx";
import { createLogger, linesTo } from "./logs/logger.ts";
import { requestLog } from "./logs/request-log.ts";
import { createMetrics } from "./metrics/metrics.ts";
import { metricsRoutes } from "./metrics/routes.ts";
import { createPushNotifier } from "./push/notifier.ts";
import { pushRoutes } from "./push/routes.ts";
import { vapidKeys, vapidSubject } from "./push/vapid.ts";
import { readinessRoutes } from "./readiness.ts";
import type { Chat } from "./rooms/chat.ts";
import { imageMessageRoutes } from "./rooms/image-messages.tsx";
import { memberRoutes } from "./rooms/member-routes.tsx";
import { messageChangeRoutes } from "./rooms/message-change-routes.tsx";
import { messageRateLimit } from "./rooms/rate-limit.ts";
import { roomReplay } from "./rooms/replay.ts";
import { roomRoutes } from "./rooms/routes.tsx";
import { createSendPlaces } from "./rooms/send-places.ts";
import { roomSettingsRoutes } from "./rooms/settings-routes.tsx";
import { refreshSharedRoom } from "./rooms/shared-room.ts";
import { searchRoutes } from "./search/routes.tsx";
import { createStorageWatch } from "./storage-watch.ts";
import { unreadCap } from "./store/rooms.ts";

/** Builds the whole app from its dependencies; does no I/O, so any runtime (or a test) can host it. */
export function createApp(given: Deps) {
  return createChat(given).app;
}

/**
 * The app and what server code needs beside it (the kit's `post` and `close`): the chat, which
 * posting takes as the socket and the API do, and `stop` for the timers the app keeps.
 */
export function createChat(given: Deps) {
  const paths = pathsUnder(given.basePath ?? "");
  // Every write's failure for want of room reaches /healthz at once, from the store and the files' folder.
  const storage = createStorageWatch(given.now);
  const log = given.log ?? createLogger("warn");
  const metrics = given.metrics ?? createMetrics();
  const deps: Deps = { ...given, store: storage.store(given.store), files: storage.folder(given.files), log, metrics };
  metrics.watch({ bus: () => deps.bus.status() });
  const failures = linesTo(log, "error");
  const warnings = linesTo(log, "warn");
  const channels = createChannels(deps.bus, coalescing(deps.fanout, { delivered: metrics.delivered }), warnings);
  // RATE_LIMIT=off lifts the sockets-per-session cap too: load tests share a few sessions.
  const sessionSockets = createSessionSockets(
    deps.bus,
    deps.config.RATE_LIMIT === "on"
      ? { maxPerSession: socketLimits.perSession, limiter: deps.limiter, log: failures }
      : { maxPerSession: Number.POSITIVE_INFINITY, log: failures },
  );
  startResync(deps, channels, roomReplay(deps.store, paths), linesTo(log, "info"));
  const rateLimit = deps.config.RATE_LIMIT === "on" ? messageRateLimit(deps.limiter) : null;
  const activity = createRoomActivity(deps.bus, unreadCap, { log: failures });
  const sendPlaces = deps.sendPlaces ?? createSendPlaces();
  const profiles = createProfileChanges(deps.bus, failures);
  const roomRecords = createRoomRecords(deps.bus, failures);
  roomRecords.onChange(refreshSharedRoom);
  const presence = createRoomPresence(deps.presence, channels, deps.store.rooms.memberCount, paths, {
    log: failures,
  });
  const others = createOthersChannel(deps.bus, failures);
  const pushKeys = vapidKeys(deps.store);
  const push = createPushNotifier({
    store: deps.store,
    present: presence.list,
    paths,
    keys: pushKeys,
    subject: vapidSubject(deps.config),
    settled: deps.push?.settled,
    log: failures,
  });
  const chat: Chat = {
    paths,
    store: deps.store,
    channels,
    sessionSockets,
    presence,
    others,
    activity,
    rateLimit,
    sendPlaces,
    profiles,
    roomRecords,
    hooks: deps.hooks,
    log,
    metrics,
    push,
  };
  profiles.onChange((person) => {
    presence.show(person).catch((err: unknown) => log.error({ err }, "presence: cannot show a new name"));
  });
  const uploads = createUploads(deps);
  const app = new Hono<AppEnv>();

  app.onError(onError);
  app.notFound(notFound);
  // First: every line about a request, an error's included, carries its id.
  app.use(...requestLog(log));
  // Middleware is scoped by route, never by reading the path: mounted at /chat, "/api/*" is "/chat/api/*".
  app.use(
    pagesUnder(paths, {
      signInUrl: deps.identify ? deps.signInUrl : undefined,
      layout: deps.layout,
      stylesheets: deps.stylesheets,
    }),
  );
  app.use("/api/*", answersJson);
  app.use("/healthz", answersJson);
  app.use("/readyz", answersJson);
  app.use("/embed/*", framable);
  const signInUrl = deps.signInUrl ?? paths.to("/login");
  app.use(async (c, next) => {
    c.set("signInUrl", signInUrl);
    await next();
  });
  app.use(securityHeaders({ linkedPictures: deps.identify !== undefined }));
  // The first limit that applies is the route's: JSON, an image message, the profile's own (in its route), else a form's.
  app.use("/api/*", bodyLimit("json"));
  app.post("/rooms/:slug/messages", bodyLimit("upload"));
  app.post("/settings/profile", bodyLimit("own"));
  app.use(bodyLimit("form"));
  // Before the session is read: a stylesheet needs no database lookup. An unknown file is the app's 404.
  app.get("/static/:file", deps.serveStatic);
  // The embed snippet, loaded by other sites' pages: their <script> may fetch it cross-origin.
  app.get("/:file{embed\\.js}", (c, next) => {
    c.header("Cross-Origin-Resource-Policy", "cross-origin");
    return deps.serveStatic(c, next);
  });
  // Web Push's service worker: a worker's scope is its own folder, so it is served at the base path's root.
  app.get("/:file{push-worker\\.js}", deps.serveStatic);
  // Browsers ask for /favicon.ico whatever the page links; permanent, so they ask once.
  app.get("/favicon.ico", (c) => c.redirect(paths.to("/static/favicon.svg"), 301));
  // Uploaded images, already compressed. Who asks matters: a private room's images are its members'.
  const identify = deps.identify ? identified(deps.identify) : loadUser(deps);
  app.use("/files/*", identify);
  app.route("/", fileRoutes(deps));
  // Probes and the scraper: no session to read. Unset METRICS_TOKEN: no /metrics at all (a 404).
  app.route("/", readinessRoutes(deps.readiness ?? { state: () => "ready" }));
  if (deps.config.METRICS_TOKEN) app.route("/", metricsRoutes(metrics, deps.config.METRICS_TOKEN));
  // Pages and JSON, gzipped where the runtime has CompressionStream (Bun, Node 20, Deno). After
  // the static route, which sends its own precompressed bytes. Socket upgrades carry no
  // Content-Type and no body, so they pass untouched; bodies with a known length under 1 KiB too.
  app.use(compress({ encoding: "gzip" }));
  // Every write a browser could send for a visitor must come from our pages, whatever its Content-Type.
  app.use(sameOriginWrites(deps));
  // The host app's person (the kit's identify), or Parley's own session.
  app.use(identify);
  // Administrators are accounts: a host app with its own people keeps its own administration.
  const admins = deps.identify ? null : administrators(deps.store.users, deps.config.ADMIN_USERNAMES);
  // Before every page, so each header (settings, log-in's too) links /admin for them.
  if (admins) app.use(markAdministrators(admins));
  // Before the routes they guard; each passes on to the route with next().
  app.route("/", throttles(deps));

  app.route("/", healthRoutes(deps, storage));
  // A host app that says who is signed in keeps its own accounts: no sign-up, log-in or passwords here.
  if (!deps.identify) {
    app.route("/", accountRoutes(deps, sessionSockets));
    app.route("/settings", settingsRoutes(deps, sessionSockets, uploads, profiles, pushKeys));
    app.route("/settings", pushRoutes(deps));
  }
  if (admins) {
    app.route("/", adminRoutes(deps, admins, sessionSockets));
    app.route("/api/admin", adminApiRoutes(deps, admins, sessionSockets));
  }
  app.route("/", profileRoutes(deps));
  app.route("/api", apiRoutes(deps, chat));
  app.route("/api", memberApiRoutes(deps, chat));
  app.route("/api", messageChangeApiRoutes(deps, chat));
  app.route("/api", searchApiRoutes(deps));
  app.route("/", roomRoutes(deps, chat));
  app.route("/", searchRoutes(deps));
  app.route("/", memberRoutes(deps, chat));
  app.route("/", messageChangeRoutes(deps, chat));
  app.route("/", imageMessageRoutes(deps, chat, uploads));
  app.route("/", roomSettingsRoutes(deps, chat, sessionSockets));
  app.route("/", embedRoutes(deps, chat));
  app.get("/me/ws", personSocket(deps, { sessionSockets, activity }));
  // A host's app answers unknown paths under the mount itself (Hono runs a mounted app's
  // notFound never): this catch-all makes them Parley's 404. "<base>/" is home, as "/" is.
  // Only under a base path: at "/" it would also take every route the host adds after Parley.
  if (paths.base) {
    app.all("*", (c) => (c.req.path === `${paths.base}/` ? c.redirect(paths.base, 301) : notFound(c)));
  }
  return { app, chat, stop: () => presence.stop() };
}
