import { originRules } from "../../src/embed/origin-rules.ts";
import { roomNameRules, roomTopicRules } from "../../src/rooms/room-name-rules.ts";
import type { EmbedSettings, Room, User } from "../../src/store/records.ts";
import { FormError } from "../form-error.tsx";
import { Layout } from "../layout.tsx";
import { usePaths } from "../paths.ts";

/** The embed form as typed, shown again with its error. */
export type EmbedForm = { origins?: string; error?: string };

/** What an embedding site's server runs to sign one of its people in (any HS256 JWT library). */
const signingExample = (slug: string) => `import { sign } from "hono/jwt"; // or any JWT library

// On your server, for the signed-in person viewing the page:
const token = await sign(
  {
    sub: String(user.id),        // your id for them
    name: user.name,             // shown beside their messages
    aud: ${JSON.stringify(slug)},${" ".repeat(Math.max(1, 19 - JSON.stringify(slug).length))}// this room
    exp: Math.floor(Date.now() / 1000) + 300, // at most an hour ahead
  },
  process.env.PARLEY_ROOM_SECRET,
  "HS256",
);
// Then put it in the snippet: data-token="\${token}". Each token works once.`;

const EmbedSection = ({
  room,
  embed,
  origin,
  form,
}: {
  room: Room;
  embed: EmbedSettings;
  origin: string;
  form: EmbedForm;
}) => {
  const { to } = usePaths();
  const snippet = `<script src="${origin}${to("/embed.js")}" data-room="${room.slug}" async></script>`;
  return (
    <section class="card" id="embed" aria-labelledby="embed-title">
      <h2 id="embed-title">Embed in other sites</h2>
      <p class="hint">
        Put this room on your own pages with one line. Only the sites listed here may show it; people there read along,
        and write as guests or as your site's signed-in people.
      </p>
      <form method="post" action={to(`/rooms/${room.slug}/settings`)} class="stacked-form">
        <FormError message={form.error} />
        <label for="allowed-origins">
          Allowed origins{" "}
          <span class="hint">
            (exact origins, one per line, like https://docs.example.com, no wildcards; at most {originRules.max}; empty:
            no site)
          </span>
        </label>
        <textarea id="allowed-origins" name="allowed_origins" rows={3} autocomplete="off" spellcheck={false}>
          {form.origins ?? embed.allowedOrigins.join("\n")}
        </textarea>
        {/* Unchecked boxes send nothing: the hidden field says "off", a checked box overrides it. */}
        <input type="hidden" name="guests" value="off" />
        <label class="check">
          <input type="checkbox" name="guests" value="on" checked={embed.guests} /> Visitors may pick a nickname and
          write as guests
        </label>
        <button type="submit">Save</button>
      </form>

      <h3>Snippet</h3>
      <label for="embed-snippet" class="hint">
        Paste it where the room should appear:
      </label>
      <textarea id="embed-snippet" class="code" readonly rows={2}>
        {snippet}
      </textarea>

      <h3>Sign your people in</h3>
      <p class="hint">
        Your server signs a short-lived token with this room's secret and adds it to the snippet as{" "}
        <code>data-token</code>: they write under their name from your site, without a Parley account. Keep the secret
        on your server.
      </p>
      <label for="embed-secret">Signing secret</label>
      <div class="secret-row">
        <input id="embed-secret" class="code" readonly value={embed.secret} autocomplete="off" spellcheck={false} />
        <form method="post" action={to(`/rooms/${room.slug}/settings`)}>
          <button type="submit" class="secondary" name="rotate_secret" value="1">
            Rotate
          </button>
        </form>
      </div>
      <p class="hint">
        Rotating stops every token signed with the old secret and signs out everyone who came in with one.
      </p>
      <details>
        <summary>Signing, in a few lines of JavaScript</summary>
        <pre class="code">
          <code>{signingExample(room.slug)}</code>
        </pre>
      </details>
    </section>
  );
};

/** The owner's alone: deleting the room, confirmed by typing its name. */
const DeleteSection = ({ room, error }: { room: Room; error?: string }) => {
  const { to } = usePaths();
  return (
    <section class="card danger-zone" id="delete" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete this room</h2>
      <p class="hint">
        Its messages, members, invite links and embedding go for good, and everyone in it is disconnected at once.
      </p>
      <form method="post" action={to(`/rooms/${room.slug}/delete`)} class="stacked-form">
        <FormError message={error} />
        <label for="delete-confirm">
          Type <strong>{room.name}</strong> to confirm
        </label>
        <input id="delete-confirm" name="confirm" autocomplete="off" spellcheck={false} required />
        <button type="submit" class="danger">
          Delete room
        </button>
      </form>
    </section>
  );
};

/** The room's settings, for its owner and moderators: name, topic, embedding; deleting it, for the owner. */
export const RoomSettingsPage = ({
  user,
  room,
  embed,
  origin,
  owner = false,
  name = room.name,
  topic = room.topic,
  error,
  embedForm = {},
  deleteError,
}: {
  user: User;
  room: Room;
  embed: EmbedSettings;
  /** Where Parley is reached from other sites, for the snippet. */
  origin: string;
  /** Whether the reader owns the room (only the owner deletes it). */
  owner?: boolean;
  name?: string;
  topic?: string;
  error?: string;
  embedForm?: EmbedForm;
  deleteError?: string;
}) => {
  const { to } = usePaths();
  return (
    <Layout title={`${room.name} settings`} user={user}>
      <h1>Settings for {room.name}</h1>
      <section class="card" aria-labelledby="topic-title">
        <h2 id="topic-title">Name and topic</h2>
        <form method="post" action={to(`/rooms/${room.slug}/settings`)} class="stacked-form">
          <FormError message={error} />
          <label for="room-name">Name</label>
          <input
            id="room-name"
            name="name"
            value={name}
            minlength={roomNameRules.min}
            maxlength={roomNameRules.max}
            autocomplete="off"
            required
          />
          <label for="room-topic">
            Topic <span class="hint">(one line under the name; empty for none)</span>
          </label>
          <input id="room-topic" name="topic" value={topic} maxlength={roomTopicRules.max} autocomplete="off" />
          <button type="submit">Save</button>
        </form>
      </section>
      <EmbedSection room={room} embed={embed} origin={origin} form={embedForm} />
      {owner ? <DeleteSection room={room} error={deleteError} /> : null}
      <p>
        <a href={to(`/rooms/${room.slug}`)}>Back to {room.name}</a>
      </p>
    </Layout>
  );
};
