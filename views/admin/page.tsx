import type { Paged, RoomOverview, User } from "../../src/store/records.ts";
import { FormError } from "../form-error.tsx";
import { Layout } from "../layout.tsx";
import { usePaths } from "../paths.ts";
import { ClockTime } from "../time.tsx";
import { AdminList } from "./admin-list.tsx";

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
    <AdminList
      id="admin-people"
      title="People"
      list={people}
      page={pages.people}
      size={pages.size}
      href={(n) => `?people=${n}&rooms=${pages.rooms}`}
      columns={[
        { heading: "Username" },
        { heading: "Display name" },
        { heading: "Kind" },
        { heading: "Joined" },
        { heading: "Status" },
        { heading: <span class="visually-hidden">Action</span> },
      ]}
      row={(person) => (
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
      )}
    />
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
    <AdminList
      id="admin-rooms"
      title="Rooms"
      list={rooms}
      page={pages.rooms}
      size={pages.size}
      href={(n) => `?rooms=${n}&people=${pages.people}`}
      columns={[
        { heading: "Name" },
        { heading: "Visibility" },
        { heading: "Members", class: "number" },
        { heading: "Messages", class: "number" },
        { heading: "Created by" },
        { heading: "Created" },
      ]}
      row={(room) => (
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
      )}
    />
  );
};
