import type { Paged, RoomOverview, User } from "../../src/store/records.ts";
import { FormError } from "../form-error.tsx";
import { Layout } from "../layout.tsx";
import { usePaths } from "../paths.ts";
import { ClockTime } from "../time.tsx";

/** Which page of each list is shown, 1-based; both travel in the address (`?people=2&rooms=1`). */
export interface AdminPages {
  people: number;
  rooms: number;
  size: number;
}

const kinds: Record<User["kind"], string> = { account: "Account", guest: "Embed guest", external: "Signed by a site" };
const visibilities: Record<RoomOverview["visibility"], string> = {
  public: "Public",
  private: "Private",
  direct: "Direct",
};

/**
 * The administration page: everyone and every room, a page of each at a time. Deactivating is a
 * plain form post per person (no script needed); the signed-in administrator has no button.
 */
export const AdminPage = ({
  me,
  people,
  rooms,
  pages,
  notice,
  error,
}: {
  me: User;
  people: Paged<User>;
  rooms: Paged<RoomOverview>;
  pages: AdminPages;
  notice?: string;
  error?: string;
}) => (
  <Layout title="Administration" user={me}>
    <div class="admin">
      <h1>Administration</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <FormError message={error} />
      <People me={me} people={people} pages={pages} />
      <Rooms rooms={rooms} pages={pages} />
    </div>
  </Layout>
);

const People = ({ me, people, pages }: { me: User; people: Paged<User>; pages: AdminPages }) => {
  const { to } = usePaths();
  return (
    <section class="card" aria-labelledby="admin-people">
      <h2 id="admin-people">People ({people.total})</h2>
      <div class="table-scroll">
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Display name</th>
              <th scope="col">Kind</th>
              <th scope="col">Joined</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.items.map((person) => (
              <tr class={person.deactivatedAt ? "deactivated" : undefined}>
                <th scope="row">
                  <a href={to(`/u/${person.username}`)}>{person.username}</a>
                </th>
                <td>{person.displayName ?? ""}</td>
                <td>{kinds[person.kind]}</td>
                <td>
                  <ClockTime at={person.createdAt} format="date" />
                </td>
                <td>
                  {person.deactivatedAt ? (
                    <>
                      Deactivated <ClockTime at={person.deactivatedAt} format="date" />
                    </>
                  ) : (
                    "Active"
                  )}
                </td>
                <td class="admin-action">
                  {person.id === me.id ? <span class="hint">You</span> : <Switch person={person} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        label="People"
        total={people.total}
        page={pages.people}
        size={pages.size}
        href={(n) => `?people=${n}&rooms=${pages.rooms}`}
      />
    </section>
  );
};

/** Deactivate or Reactivate: a plain form post, named for screen readers by whom it acts on. */
const Switch = ({ person }: { person: User }) => {
  const { to } = usePaths();
  const [verb, action] = person.deactivatedAt ? ["Reactivate", "reactivate"] : ["Deactivate", "deactivate"];
  return (
    <form method="post" action={to(`/admin/people/${person.username}/${action}`)}>
      <button type="submit" class="secondary" aria-label={`${verb} ${person.username}`}>
        {verb}
      </button>
    </form>
  );
};

const Rooms = ({ rooms, pages }: { rooms: Paged<RoomOverview>; pages: AdminPages }) => {
  const { to } = usePaths();
  return (
    <section class="card" aria-labelledby="admin-rooms">
      <h2 id="admin-rooms">Rooms ({rooms.total})</h2>
      <div class="table-scroll">
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Visibility</th>
              <th scope="col" class="number">
                Members
              </th>
              <th scope="col" class="number">
                Messages
              </th>
              <th scope="col">Created by</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {rooms.items.map((room) => (
              <tr>
                <th scope="row">
                  {room.visibility === "public" ? <a href={to(`/rooms/${room.slug}`)}>{room.name}</a> : room.name}
                </th>
                <td>{visibilities[room.visibility]}</td>
                <td class="number">{room.members}</td>
                <td class="number">{room.messages}</td>
                <td>{room.creator ?? <span class="hint">gone</span>}</td>
                <td>
                  <ClockTime at={room.createdAt} format="date" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        label="Rooms"
        total={rooms.total}
        page={pages.rooms}
        size={pages.size}
        href={(n) => `?rooms=${n}&people=${pages.people}`}
      />
    </section>
  );
};

/** "Page 2 of 5" with Previous and Next; nothing when everything fits on one page. */
const Pager = ({
  label,
  total,
  page,
  size,
  href,
}: {
  label: string;
  total: number;
  page: number;
  size: number;
  href: (page: number) => string;
}) => {
  const { to } = usePaths();
  const last = Math.max(1, Math.ceil(total / size));
  if (last === 1) return null;
  return (
    <nav class="pager" aria-label={`${label} pages`}>
      {page > 1 ? <a href={to(`/admin${href(page - 1)}`)}>Previous</a> : <span />}
      <span>
        Page {page} of {last}
      </span>
      {page < last ? <a href={to(`/admin${href(page + 1)}`)}>Next</a> : <span />}
    </nav>
  );
};
