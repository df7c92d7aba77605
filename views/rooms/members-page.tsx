import type { Room, RoomInvite, User } from "../../src/store/records.ts";
import { FormError } from "../form-error.tsx";
import { Layout } from "../layout.tsx";
import { usePaths } from "../paths.ts";
import { ClockTime } from "../time.tsx";
import { MemberListBody, type MemberListProps } from "./member-list.tsx";

/** What only the room's owner and moderators see: adding people, invite links and bans. */
export interface Management {
  invites: RoomInvite[];
  banned: User[];
  /** An invite just made: its address is shown this once (only its digest is kept). */
  newInvite?: { url: string; expiresAt: Date };
  /** The add form as typed, with why it was refused. */
  add?: { username: string; error?: string };
}

const AddPerson = ({ room, add }: { room: Room; add: Management["add"] }) => {
  const { to } = usePaths();
  return (
    <section class="card" aria-labelledby="add-title">
      <h2 id="add-title">Add a person</h2>
      <form method="post" action={to(`/rooms/${room.slug}/members`)} class="inline-form">
        <label for="add-username">Username</label>
        <input id="add-username" name="username" value={add?.username ?? ""} autocomplete="off" required />
        <button type="submit">Add</button>
        <FormError message={add?.error} />
      </form>
    </section>
  );
};

const Invites = ({ room, invites, newInvite }: { room: Room } & Pick<Management, "invites" | "newInvite">) => {
  const { to } = usePaths();
  return (
    <section class="card" id="invites" aria-labelledby="invites-title">
      <h2 id="invites-title">Invite links</h2>
      <p class="hint">Whoever opens an invite link while it lasts (7 days) joins the room, once signed in.</p>
      {newInvite ? (
        <div class="notice new-invite" role="status">
          <label for="new-invite">New link: copy it now, it is not shown again</label>
          <input id="new-invite" class="code" readonly value={newInvite.url} autocomplete="off" spellcheck={false} />
        </div>
      ) : null}
      <form method="post" action={to(`/rooms/${room.slug}/invites`)}>
        <button type="submit">Make an invite link</button>
      </form>
      {invites.length ? (
        <ul class="plain-list invites">
          {invites.map((invite) => (
            <li class="token-row">
              <span>
                Works until <ClockTime at={invite.expiresAt} format="datetime" />
              </span>
              <form method="post" action={to(`/rooms/${room.slug}/invites/${invite.id}/revoke`)}>
                <button type="submit" class="secondary">
                  Revoke
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint">No invite link works now.</p>
      )}
    </section>
  );
};

const Banned = ({ room, banned }: { room: Room; banned: User[] }) => {
  const { to } = usePaths();
  return (
    <section class="card" aria-labelledby="banned-title">
      <h2 id="banned-title">Banned</h2>
      {banned.length ? (
        <ul class="plain-list banned">
          {banned.map((person) => (
            <li class="token-row" data-username={person.username}>
              <span>
                {person.displayName ?? person.username} <span class="hint">@{person.username}</span>
              </span>
              <form method="post" action={to(`/rooms/${room.slug}/members/${person.username}/unban`)}>
                <button type="submit" class="secondary">
                  Unban
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint">Nobody is banned from this room.</p>
      )}
    </section>
  );
};

/** The room's members as a page of its own (the popover's list without script), and for those who run it, the rest. */
export const MembersPage = ({
  user,
  room,
  list,
  manage,
}: {
  user: User;
  room: Room;
  list: Omit<MemberListProps, "room" | "manages">;
  manage?: Management;
}) => {
  const { to } = usePaths();
  return (
    <Layout title={`Members of ${room.name}`} user={user}>
      <h1>Members of {room.name}</h1>
      <section class="card member-list members-page" aria-label="Members">
        <MemberListBody room={room} {...list} manages={false} />
      </section>
      {manage && room.visibility !== "direct" ? <AddPerson room={room} add={manage.add} /> : null}
      {manage && room.visibility !== "direct" ? (
        <Invites room={room} invites={manage.invites} newInvite={manage.newInvite} />
      ) : null}
      {manage ? <Banned room={room} banned={manage.banned} /> : null}
      <p>
        <a href={to(`/rooms/${room.slug}`)}>Back to {room.name}</a>
      </p>
    </Layout>
  );
};

/** An invite link that no longer works, or never did: one page for all three, so codes cannot be probed. */
export const InviteGonePage = ({ user }: { user: User }) => {
  const { to } = usePaths();
  return (
    <Layout title="Invite link not valid" user={user}>
      <section class="card">
        <h1>This invite link does not work</h1>
        <p>It may have expired or been revoked. Ask whoever sent it for a new one.</p>
        <p>
          <a href={to("/")}>All rooms</a>
        </p>
      </section>
    </Layout>
  );
};
