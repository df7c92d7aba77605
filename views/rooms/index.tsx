import type { JoinedRoom, RoomActivity, User } from "../../src/store/records.ts";
import { Layout } from "../layout.tsx";
import { usePaths } from "../paths.ts";
import { useSignIn, useSite } from "../site.ts";
import { CreateRoom, type CreateRoomForm } from "./create-room-form.tsx";
import { RoomList } from "./room-card.tsx";

/**
 * Home: the rooms I joined, then the others to discover (most recently active first, a page at
 * a time), and the form to make one. Visitors see every room and an invitation to sign up.
 */
export const HomePage = ({
  user,
  joined,
  others,
  page = 1,
  hasMore = false,
  form = {},
}: {
  user: User | null;
  joined: JoinedRoom[];
  /** Rooms the reader has not joined (every room for visitors). */
  others: RoomActivity[];
  page?: number;
  hasMore?: boolean;
  form?: CreateRoomForm;
}) => {
  const { to } = usePaths();
  const site = useSite();
  const signIn = useSignIn();
  // No room at all yet: a new install. Say so, and point at the one thing to do.
  const noRooms = page === 1 && joined.length === 0 && others.length === 0;
  return (
    <Layout title="Rooms" user={user}>
      <div class="home">
        {user ? (
          <>
            <h1>Rooms</h1>
            {page === 1 ? (
              // The person's socket keeps these counts and latest messages current (src/live/person-socket.tsx).
              <section class="card" aria-labelledby="my-rooms-title" hx-ws:connect={to("/me/ws")} hx-swap="none">
                <h2 id="my-rooms-title">Your rooms</h2>
                <RoomList
                  rooms={joined}
                  empty={
                    noRooms
                      ? "There are no rooms yet: create the first one below."
                      : "You have not joined a room yet: open one below, or create one."
                  }
                  preview
                />
              </section>
            ) : null}
          </>
        ) : (
          <section class="card intro">
            <h1>Parley</h1>
            {site.signInUrl ? (
              <p>
                Rooms for chatting, right in the browser. <a href={signIn}>Sign in</a> to join one.
              </p>
            ) : (
              <p>
                Rooms for chatting, right in the browser. <a href={to("/signup")}>Sign up</a> or{" "}
                <a href={signIn}>log in</a> to join one.
              </p>
            )}
          </section>
        )}
        {user && noRooms ? null : (
          <section class="card" id="discover" aria-labelledby="discover-title">
            <h2 id="discover-title">{user ? "Discover" : "Rooms"}</h2>
            <RoomList
              rooms={others}
              empty={
                page > 1
                  ? "No more rooms."
                  : user
                    ? "You are in every public room there is."
                    : "No rooms yet: sign up to create the first one."
              }
              preview={user !== null}
            />
            {page > 1 || hasMore ? (
              <nav class="pages" aria-label="More rooms">
                {page > 1 ? <a href={`${to("/")}?page=${page - 1}#discover`}>Busier rooms</a> : null}
                {hasMore ? <a href={`${to("/")}?page=${page + 1}#discover`}>More rooms</a> : null}
              </nav>
            ) : null}
          </section>
        )}
        {user ? (
          <section class="card" id="create-room" aria-labelledby="create-room-title">
            <h2 id="create-room-title">Create a room</h2>
            <CreateRoom {...form} />
          </section>
        ) : null}
      </div>
    </Layout>
  );
};
