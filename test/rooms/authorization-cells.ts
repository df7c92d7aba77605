/**
 * Who may do what: every route of the contract × every kind of person, for a public, a private
 * and a direct room. The matrix test asserts each cell on SQLite and PostgreSQL, and
 * docs/security.md's table is printed from here (scripts/authorization-table.ts).
 */
export const kinds = ["public", "private", "direct"] as const;
export type Kind = (typeof kinds)[number];

export const people = [
  "signed out",
  "non-member",
  "member",
  "moderator",
  "owner",
  "administrator",
  "banned",
  "embed guest",
  "host-signed person",
  "token of a member",
  "token of a non-member",
] as const;
export type Person = (typeof people)[number];

/**
 * A status or close code as answered; `none`: exactly what a made-up slug (or file name) gets;
 * `login`: sent to log in, as for a made-up slug; `listed` / `… unlisted`: whether a list names the room.
 */
export type Outcome = string;

export interface Route {
  label: string;
  method: string;
  /**
   * S is the room's slug, F its image's file name, I a new invite link's code, M a new message of
   * someone else's (in the direct room, the member's own), {session} the person's embed session.
   */
  path: string;
  form?: Record<string, string>;
  json?: unknown;
  socket?: true;
  lists?: true;
  /** Outcomes in the order of `people`, space-separated, per kind of room. */
  expect: Record<Kind, Record<Person, Outcome>>;
}

const row = (cells: string): Record<Person, Outcome> => {
  const outcomes = cells.trim().split(/\s+/);
  if (outcomes.length !== people.length) throw new Error(`${cells}: ${outcomes.length} cells`);
  return Object.fromEntries(people.map((person, i) => [person, outcomes[i] as string])) as Record<Person, Outcome>;
};
const route = (
  label: string,
  method: string,
  path: string,
  cells: Record<Kind, string>,
  extra: Partial<Route> = {},
): Route => ({
  label,
  method,
  path,
  ...extra,
  expect: { public: row(cells.public), private: row(cells.private), direct: row(cells.direct) },
});

const all = (cells: string) => ({ public: cells, private: cells, direct: cells });

export const routes: Route[] = [
  route("room page", "GET", "/rooms/S", {
    public: "login 200 200 200 200 200 none login login login login",
    private: "login none 200 200 200 none none login login login login",
    direct: "login none 200 none 200 none none login login login login",
  }),
  route("older messages", "GET", "/rooms/S/messages?before=1000000", {
    public: "login 200 200 200 200 200 none login login login login",
    private: "login none 200 200 200 none none login login login login",
    direct: "login none 200 none 200 none none login login login login",
  }),
  route("newer messages", "GET", "/rooms/S/messages?after=0", {
    public: "login 200 200 200 200 200 none login login login login",
    private: "login none 200 200 200 none none login login login login",
    direct: "login none 200 none 200 none none login login login login",
  }),
  route(
    "room socket",
    "GET",
    "/rooms/S/ws?after=0",
    {
      public: "4401 open open open open open none 4401 4401 4401 4401",
      private: "4401 none open open open none none 4401 4401 4401 4401",
      direct: "4401 none open none open none none 4401 4401 4401 4401",
    },
    { socket: true },
  ),
  route(
    "post a message (form)",
    "POST",
    "/rooms/S/messages",
    {
      public: "login 303 303 303 303 303 none login login login login",
      private: "login none 303 303 303 none none login login login login",
      direct: "login none 303 none 303 none none login login login login",
    },
    { form: { body: "hello" } },
  ),
  route("read messages (API)", "GET", "/api/rooms/S/messages", {
    public: "none 200 200 200 200 200 none none none 200 200",
    private: "none none 200 200 200 none none none none 200 none",
    direct: "none none 200 none 200 none none none none 200 none",
  }),
  route(
    "post a message (API)",
    "POST",
    "/api/rooms/S/messages",
    {
      public: "none 201 201 201 201 201 none none none 201 201",
      private: "none none 201 201 201 none none none none 201 none",
      direct: "none none 201 none 201 none none none none 201 none",
    },
    { json: { body: "hello" } },
  ),
  route("search in a room (page)", "GET", "/search?q=picture&room=S", {
    public: "login 200 200 200 200 200 none login login login login",
    private: "login none 200 200 200 none none login login login login",
    direct: "login none 200 none 200 none none login login login login",
  }),
  route("search in a room (API)", "GET", "/api/search?q=picture&room=S", {
    public: "none 200 200 200 200 200 none none none 200 200",
    private: "none none 200 200 200 none none none none 200 none",
    direct: "none none 200 none 200 none none none none 200 none",
  }),
  route(
    "found by searching all one's rooms (page)",
    "GET",
    "/search?q=picture",
    {
      public: "unlisted unlisted listed listed listed unlisted unlisted unlisted unlisted unlisted unlisted",
      private: "unlisted unlisted listed listed listed unlisted unlisted unlisted unlisted unlisted unlisted",
      direct: "unlisted unlisted listed unlisted listed unlisted unlisted unlisted unlisted unlisted unlisted",
    },
    { lists: true },
  ),
  route(
    "found by searching all one's rooms (API)",
    "GET",
    "/api/search?q=picture",
    {
      public: "unlisted unlisted listed listed listed unlisted unlisted unlisted unlisted listed unlisted",
      private: "unlisted unlisted listed listed listed unlisted unlisted unlisted unlisted listed unlisted",
      direct: "unlisted unlisted listed unlisted listed unlisted unlisted unlisted unlisted listed unlisted",
    },
    { lists: true },
  ),
  route(
    "list rooms (API)",
    "GET",
    "/api/rooms",
    {
      public: "listed listed listed listed listed listed unlisted listed listed listed listed",
      private: "unlisted unlisted listed listed listed unlisted unlisted unlisted unlisted listed unlisted",
      direct: "unlisted unlisted listed unlisted listed unlisted unlisted unlisted unlisted listed unlisted",
    },
    { lists: true },
  ),
  route(
    "listed on the home page",
    "GET",
    "/",
    {
      public: "listed listed listed listed listed listed unlisted listed listed listed listed",
      private: "unlisted unlisted listed listed listed unlisted unlisted unlisted unlisted unlisted unlisted",
      direct: "unlisted unlisted listed unlisted listed unlisted unlisted unlisted unlisted unlisted unlisted",
    },
    { lists: true },
  ),
  route("the room's image", "GET", "/files/F", {
    public: "200 200 200 200 200 200 200 200 200 200 200",
    private: "none none 200 200 200 none none none none none none",
    direct: "none none 200 none 200 none none none none none none",
  }),
  route("embed page", "GET", "/embed/S?session={session}", {
    public: "200 200 200 200 200 200 200 200 200 200 200",
    private: "none none none none none none none none none none none",
    direct: "none none none none none none none none none none none",
  }),
  route(
    "embed socket",
    "GET",
    "/embed/S/ws?after=0&session={session}",
    {
      public: "open open open open open open open open open open open",
      private: "none none none none none none none none none none none",
      direct: "none none none none none none none none none none none",
    },
    { socket: true },
  ),
  route("embed's newer messages", "GET", "/embed/S/messages?after=0", {
    public: "200 200 200 200 200 200 200 200 200 200 200",
    private: "none none none none none none none none none none none",
    direct: "none none none none none none none none none none none",
  }),
  route(
    "notification setting",
    "POST",
    "/rooms/S/notify",
    {
      public: "login 303 303 303 303 303 none login login login login",
      private: "login none 303 303 303 none none login login login login",
      direct: "login none 303 none 303 none none login login login login",
    },
    { form: { notify: "all" } },
  ),
  route("members list", "GET", "/rooms/S/members", {
    public: "login 200 200 200 200 200 none login login login login",
    private: "login none 200 200 200 none none login login login login",
    direct: "login none 200 none 200 none none login login login login",
  }),
  route(
    "join",
    "POST",
    "/rooms/S/join",
    {
      public: "login 303 303 303 303 303 none login login login login",
      private: "login none 303 303 303 none none login login login login",
      direct: "login none 303 none 303 none none login login login login",
    },
    { form: {} },
  ),
  route(
    "add a member",
    "POST",
    "/rooms/S/members",
    {
      public: "login 403 403 303 303 403 none login login login login",
      private: "login none 403 303 303 none none login login login login",
      direct: "login none 403 none 403 none none login login login login",
    },
    { form: { username: "erin" } },
  ),
  route(
    "remove a member",
    "POST",
    "/rooms/S/members/erin/remove",
    {
      public: "login 403 403 303 303 403 none login login login login",
      private: "login none 403 303 303 none none login login login login",
      direct: "login none 403 none 403 none none login login login login",
    },
    { form: {} },
  ),
  route(
    "remove the owner",
    "POST",
    "/rooms/S/members/alice/remove",
    {
      public: "login 403 403 403 403 403 none login login login login",
      private: "login none 403 403 403 none none login login login login",
      direct: "login none 403 none 403 none none login login login login",
    },
    { form: {} },
  ),
  route(
    "ban a member",
    "POST",
    "/rooms/S/members/erin/ban",
    {
      public: "login 403 403 303 303 403 none login login login login",
      private: "login none 403 303 303 none none login login login login",
      direct: "login none 403 none 403 none none login login login login",
    },
    { form: {} },
  ),
  route(
    "unban",
    "POST",
    "/rooms/S/members/erin/unban",
    {
      public: "login 403 403 303 303 403 none login login login login",
      private: "login none 403 303 303 none none login login login login",
      direct: "login none 403 none 403 none none login login login login",
    },
    { form: {} },
  ),
  route(
    "ban the owner",
    "POST",
    "/rooms/S/members/alice/ban",
    {
      public: "login 403 403 403 403 403 none login login login login",
      private: "login none 403 403 403 none none login login login login",
      direct: "login none 403 none 403 none none login login login login",
    },
    { form: {} },
  ),
  route(
    "make a moderator",
    "POST",
    "/rooms/S/members/erin/role",
    {
      public: "login 403 403 403 303 403 none login login login login",
      private: "login none 403 403 303 none none login login login login",
      direct: "login none 403 none 403 none none login login login login",
    },
    { form: { role: "moderator" } },
  ),
  route(
    "make an invite link",
    "POST",
    "/rooms/S/invites",
    {
      public: "login 403 403 201 201 403 none login login login login",
      private: "login none 403 201 201 none none login login login login",
      direct: "login none 403 none 403 none none login login login login",
    },
    { form: {} },
  ),
  route("open an invite link", "GET", "/invites/I", {
    public: "login 303 303 303 303 303 none login login login login",
    private: "login 303 303 303 303 303 none login login login login",
    direct: "login none none none none none none login login login login",
  }),
  route("settings page", "GET", "/rooms/S/settings", {
    public: "login 403 403 200 200 403 none login login login login",
    private: "login none 403 200 200 none none login login login login",
    direct: "login none 403 none 403 none none login login login login",
  }),
  route(
    "change settings",
    "POST",
    "/rooms/S/settings",
    {
      public: "login 403 403 303 303 403 none login login login login",
      private: "login none 403 303 303 none none login login login login",
      direct: "login none 403 none 403 none none login login login login",
    },
    { form: { topic: "set" } },
  ),
  route(
    "delete the room (name mistyped)",
    "POST",
    "/rooms/S/delete",
    {
      public: "login 403 403 403 422 403 none login login login login",
      private: "login none 403 403 422 none none login login login login",
      direct: "login none 403 none 403 none none login login login login",
    },
    { form: { confirm: "not its name" } },
  ),
  route("members (API)", "GET", "/api/rooms/S/members", {
    public: "none 200 200 200 200 200 none none none 200 200",
    private: "none none 200 200 200 none none none none 200 none",
    direct: "none none 200 none 200 none none none none 200 none",
  }),
  route(
    "remove a member (API)",
    "DELETE",
    "/api/rooms/S/members/erin",
    {
      public: "none 403 403 204 204 403 none none none 403 403",
      private: "none none 403 204 204 none none none none 403 none",
      direct: "none none 403 none 403 none none none none 403 none",
    },
    {},
  ),
  route("remove the owner (API)", "DELETE", "/api/rooms/S/members/alice", {
    public: "none 403 403 403 403 403 none none none 403 403",
    private: "none none 403 403 403 none none none none 403 none",
    direct: "none none 403 none 403 none none none none 403 none",
  }),
  route(
    "ban a member (API)",
    "PUT",
    "/api/rooms/S/bans/erin",
    {
      public: "none 403 403 204 204 403 none none none 403 403",
      private: "none none 403 204 204 none none none none 403 none",
      direct: "none none 403 none 403 none none none none 403 none",
    },
    {},
  ),
  route(
    "make a moderator (API)",
    "PUT",
    "/api/rooms/S/members/erin/role",
    {
      public: "none 403 403 403 200 403 none none none 403 403",
      private: "none none 403 403 200 none none none none 403 none",
      direct: "none none 403 none 403 none none none none 403 none",
    },
    { json: { role: "moderator" } },
  ),
  route("invite links (API)", "GET", "/api/rooms/S/invites", {
    public: "none 403 403 200 200 403 none none none 403 403",
    private: "none none 403 200 200 none none none none 403 none",
    direct: "none none 403 none 403 none none none none 403 none",
  }),
  route(
    "delete the room (API, name mistyped)",
    "DELETE",
    "/api/rooms/S",
    {
      public: "none 403 403 403 422 403 none none none 403 403",
      private: "none none 403 403 422 none none none none 403 none",
      direct: "none none 403 none 403 none none none none 403 none",
    },
    { json: { confirm: "not its name" } },
  ),
  route(
    "edit someone's message",
    "POST",
    "/rooms/S/messages/M/edit",
    {
      public: "login 403 403 403 403 403 none login login login login",
      private: "login none 403 403 403 none none login login login login",
      direct: "login none 303 none 403 none none login login login login",
    },
    { form: { body: "changed" } },
  ),
  route(
    "delete someone's message",
    "POST",
    "/rooms/S/messages/M/delete",
    {
      public: "login 403 403 303 303 403 none login login login login",
      private: "login none 403 303 303 none none login login login login",
      direct: "login none 303 none 403 none none login login login login",
    },
    { form: {} },
  ),
  route(
    "react to a message",
    "POST",
    "/rooms/S/messages/M/reactions",
    {
      public: "login 403 303 303 303 403 none login login login login",
      private: "login none 303 303 303 none none login login login login",
      direct: "login none 303 none 303 none none login login login login",
    },
    { form: { emoji: "👍" } },
  ),
  route(
    "edit someone's message (API)",
    "PATCH",
    "/api/rooms/S/messages/M",
    {
      public: "none 403 403 403 403 403 none none none 403 403",
      private: "none none 403 403 403 none none none none 403 none",
      direct: "none none 200 none 403 none none none none 200 none",
    },
    { json: { body: "changed" } },
  ),
  route("delete someone's message (API)", "DELETE", "/api/rooms/S/messages/M", {
    public: "none 403 403 204 204 403 none none none 403 403",
    private: "none none 403 204 204 none none none none 403 none",
    direct: "none none 204 none 403 none none none none 204 none",
  }),
  route("react (API)", "PUT", "/api/rooms/S/messages/M/reactions/%f0%9f%91%8d", {
    public: "none 403 200 200 200 403 none none none 200 403",
    private: "none none 200 200 200 none none none none 200 none",
    direct: "none none 200 none 200 none none none none 200 none",
  }),
  route("open a direct room", "POST", "/dm", all("login 303 303 303 303 303 303 login login login login"), {
    form: { username: "erin" },
  }),
  route(
    "keep this browser's push subscription",
    "POST",
    "/settings/push",
    all("login 204 204 204 204 204 204 login login login login"),
    {
      json: {
        endpoint: "https://push.example/matrix",
        keys: {
          p256dh: "BAcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc",
          auth: "CQkJCQkJCQkJCQkJCQkJCQ",
        },
      },
    },
  ),
  route(
    "forget a push subscription",
    "POST",
    "/settings/push/remove",
    all("login 204 204 204 204 204 204 login login login login"),
    { json: { endpoint: "https://push.example/matrix" } },
  ),
  route("administration page", "GET", "/admin", all("404 404 404 404 404 200 404 404 404 404 404")),
  route("people (admin API)", "GET", "/api/admin/people", all("404 404 404 404 404 200 404 404 404 404 404")),
  // Only METRICS_TOKEN's bearer (the matrix's app has one): no session or API token opens it.
  route("metrics", "GET", "/metrics", all("404 404 404 404 404 404 404 404 404 404 404")),
  route("readiness probe", "GET", "/readyz", all("200 200 200 200 200 200 200 200 200 200 200")),
];

/** Whether the route's answer depends on the room: it names it, or lists rooms. */
const named = (route: Route) => route.lists === true || /[SFI]/.test(route.path);
const heading = `| route | ${people.join(" | ")} |\n|---|${people.map(() => "---").join("|")}|`;
const shown = (path: string) =>
  path
    .replace("S", ":slug")
    .replace("F", ":name")
    .replace("I", ":code")
    .replace("M", ":id")
    .replace("%f0%9f%91%8d", ":emoji")
    .replace("{session}", "<session>");
const line = (route: Route, kind: Kind) =>
  `| ${route.label}: \`${route.method} ${shown(route.path)}\` | ${people.map((p) => route.expect[kind][p]).join(" | ")} |`;

/** The matrix as docs/security.md shows it, between its authorization-table markers. */
export function authorizationTable(): string {
  const parts = kinds.map(
    (kind) =>
      `### In a ${kind} room\n\n${heading}\n${routes
        .filter(named)
        .map((r) => line(r, kind))
        .join("\n")}`,
  );
  const elsewhere = routes.filter((route) => !named(route));
  parts.push(`### Not about one room\n\n${heading}\n${elsewhere.map((r) => line(r, "public")).join("\n")}`);
  return parts.join("\n\n");
}

export const tableMarkers = {
  start: "<!-- authorization-table:start (npx tsx scripts/authorization-table.ts --write) -->",
  end: "<!-- authorization-table:end -->",
} as const;
