import { roomNameRules } from "../../src/rooms/room-name-rules.ts";
import type { RoomActivity, User } from "../../src/store/records.ts";
import { FormError } from "../form-error.tsx";
import { Layout } from "../layout.tsx";
import { RoomList } from "./room-card.tsx";

/** Home: the rooms I joined, every room (most recently active first, a page at a time), and the form to make one. */
export const HomePage = ({
  user,
  joined,
  all,
  page = 1,
  hasMore = false,
  name = "",
  error,
}: {
  user: User | null;
  joined: RoomActivity[];
  all: RoomActivity[];
  page?: number;
  hasMore?: boolean;
  name?: string;
  error?: string;
}) => (
  <Layout title="Rooms" user={user}>
    {user ? (
      <section class="card">
        <h2>My rooms</h2>
        <RoomList rooms={joined} empty="You have not joined a room yet." preview />
      </section>
    ) : (
      <section class="card intro">
        <h1>Parley</h1>
        <p>
          Rooms for chatting, right in the browser. <a href="/signup">Sign up</a> or <a href="/login">log in</a> to join
          one.
        </p>
      </section>
    )}
    <section class="card" id="all-rooms">
      <h2>All rooms</h2>
      <RoomList rooms={all} empty={page > 1 ? "No more rooms." : "No rooms yet."} preview={user !== null} />
      {page > 1 || hasMore ? (
        <nav class="pages" aria-label="More rooms">
          {page > 1 ? <a href={`/?page=${page - 1}#all-rooms`}>Busier rooms</a> : null}
          {hasMore ? <a href={`/?page=${page + 1}#all-rooms`}>More rooms</a> : null}
        </nav>
      ) : null}
    </section>
    {user ? (
      <section class="card">
        <h2>Create a room</h2>
        <form method="post" action="/rooms" class="inline-form">
          <FormError message={error} />
          <label for="room-name">Room name</label>
          <input id="room-name" name="name" value={name} required maxlength={roomNameRules.max} />
          <button type="submit">Create</button>
        </form>
      </section>
    ) : null}
  </Layout>
);
