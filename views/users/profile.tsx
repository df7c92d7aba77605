import type { User } from "../../src/store/records.ts";
import { Layout } from "../layout.tsx";
import { usePaths } from "../paths.ts";
import { ClockTime } from "../time.tsx";
import { Avatar } from "./avatar.tsx";

/**
 * A person's public page: avatar, display name over the username, bio (line breaks kept, by CSS).
 * Nothing of their rooms: which rooms someone is in is not for strangers to read.
 */
export const ProfilePage = ({ viewer, person }: { viewer: User | null; person: User }) => (
  <Layout title={person.displayName ?? person.username} user={viewer}>
    <section class="card profile">
      <header class="profile-header">
        <Avatar person={person} size="large" />
        <div>
          <h1>{person.displayName ?? person.username}</h1>
          {person.displayName ? <p class="username">@{person.username}</p> : null}
        </div>
      </header>
      {person.bio ? <p class="bio">{person.bio}</p> : null}
      <p>
        Member since <ClockTime at={person.createdAt} format="date" />.
      </p>
      {viewer && viewer.id !== person.id && person.kind === "account" ? <MessageButton person={person} /> : null}
    </section>
  </Layout>
);

/** Starts (or reopens) a direct conversation with them. */
const MessageButton = ({ person }: { person: User }) => {
  const { to } = usePaths();
  return (
    <form method="post" action={to("/dm")} class="profile-actions">
      <input type="hidden" name="username" value={person.username} />
      <button type="submit">Message {person.displayName ?? person.username}</button>
    </form>
  );
};
