import { raw } from "hono/html";
import { profileRules } from "../../src/accounts/profile-rules.ts";
import type { Appearance } from "../../src/embed/appearance-rules.ts";
import { inkOn } from "../../src/embed/appearance-rules.ts";
import type { Room, User } from "../../src/store/records.ts";
import { FormError } from "../form-error.tsx";
import type { ShownMessage } from "../messages/message.tsx";
import { mentionName } from "../messages/rich-text.ts";
import { PageHead } from "../page-head.tsx";
import { usePaths } from "../paths.ts";
import { Composer } from "../rooms/composer.tsx";
import { HereCount, MemberCount } from "../rooms/presence.tsx";
import { RoomStage, type Whole } from "../rooms/stage.tsx";
import { TypingLine, TypingSignal } from "../rooms/typing.tsx";

type Person = Pick<User, "id" | "username" | "displayName" | "avatar">;

/** Who is at the embed: signed in (a guest or the site's own), a visitor who may pick a nickname, or a reader. */
export type EmbedVisitor =
  | { kind: "speaker"; user: User; session: string }
  | { kind: "visitor"; guests: boolean; nickname?: string; error?: string };

/** The site's accent, in a style element the page's CSP admits by nonce (no inline style attributes). */
const AccentStyle = ({ accent, nonce }: { accent: string; nonce: string }) => (
  <style nonce={nonce}>{raw(`:root{--accent:${accent};--accent-ink:${inkOn(accent)}}`)}</style>
);

const NicknameForm = ({
  room,
  query,
  nickname = "",
  error,
}: {
  room: Room;
  query: string;
  nickname?: string;
  error?: string;
}) => {
  const { to } = usePaths();
  return (
    <form method="post" action={to(`/embed/${room.slug}/guest${query}`)} class="nickname-form">
      <label for="embed-nickname">Pick a nickname to join in</label>
      <div class="nickname-row">
        <input
          id="embed-nickname"
          name="nickname"
          value={nickname}
          required
          maxlength={profileRules.displayName.max}
          autocomplete="nickname"
          aria-describedby="embed-nickname-error"
        />
        <button type="submit">Join</button>
      </div>
      <FormError id="embed-nickname-error" message={error} />
    </form>
  );
};

/**
 * A room made for another site's iframe: the room page's timeline, socket and composer (the
 * same Message partial and protocol), without Parley's own navigation. The document grows with
 * its content up to a height, then the timeline scrolls; static/embed-frame.js reports the
 * height to the embedding page, which fits the iframe to it.
 */
export const EmbedPage = ({
  room,
  messages,
  hasOlder,
  whole,
  members,
  present,
  visitor,
  appearance,
  query,
  nonce,
  notice,
}: {
  room: Room;
  messages: ShownMessage[];
  hasOlder: boolean;
  /** Where the page is whole (views/rooms/stage.tsx). */
  whole: Whole;
  members: number;
  present: Person[];
  visitor: EmbedVisitor;
  appearance: Appearance;
  /** The frame's appearance as a query string: the nickname form keeps it. */
  query: string;
  /** The nonce of the accent's style element and the composer's idempotency keys. */
  nonce: string;
  /** Why a sign-in from the embedding site was refused, shown above the room. */
  notice?: string;
}) => {
  const { to } = usePaths();
  const lastId = messages.at(-1)?.id ?? 0;
  const session = visitor.kind === "speaker" ? `&session=${encodeURIComponent(visitor.session)}` : "";
  const theme = appearance.theme === "auto" ? undefined : appearance.theme;
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang="en" data-theme={theme} data-host-origin={appearance.host ?? undefined}>
        <PageHead title={room.name}>
          {appearance.accent ? <AccentStyle accent={appearance.accent} nonce={nonce} /> : null}
          <script src={to("/static/embed-frame.js")} defer></script>
        </PageHead>
        <body class="embed">
          <main id="main">
            <section
              class="room"
              aria-label={room.name}
              hx-ws:connect={to(`/embed/${room.slug}/ws?after=${lastId}${session}`)}
              hx-swap="none"
              data-room-slug={room.slug}
              data-me={visitor.kind === "speaker" ? visitor.user.username : ""}
              data-me-mention={visitor.kind === "speaker" ? mentionName(visitor.user.username) : ""}
              data-notify="none"
              data-read-up-to={lastId}
            >
              <header class="room-header">
                <div class="room-title">
                  <h1>{room.name}</h1>
                  <p class="room-meta">
                    <MemberCount room={room} members={members} />
                    <HereCount room={room} people={present} />
                  </p>
                </div>
                <a class="open-in-parley" href={to(`/rooms/${room.slug}`)} target="_blank" rel="noopener">
                  Open in Parley
                </a>
              </header>
              {notice ? (
                <p class="embed-notice" role="alert">
                  {notice}
                </p>
              ) : null}
              <RoomStage room={room} messages={messages} hasOlder={hasOlder} whole={whole} />
              {visitor.kind === "speaker" ? (
                <>
                  <TypingLine room={room} />
                  <Composer room={room} nonce={nonce} />
                  <TypingSignal room={room} />
                  <p class="embed-who">
                    {`You are ${visitor.user.displayName ?? visitor.user.username}`}
                    {visitor.user.kind === "guest" ? " (guest)" : ""}
                  </p>
                </>
              ) : visitor.guests ? (
                <NicknameForm room={room} query={query} nickname={visitor.nickname} error={visitor.error} />
              ) : (
                <p class="embed-read-only">Read only: this room takes messages from signed-in people of this site.</p>
              )}
            </section>
          </main>
        </body>
      </html>
    </>
  );
};
