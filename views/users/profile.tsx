import type { RoomActivity, User } from "../../src/store/records.ts";
import { Layout } from "../layout.tsx";
import { RoomList } from "../rooms/room-card.tsx";
import { ClockTime } from "../time.tsx";

export const ProfilePage = ({
  viewer,
  person,
  rooms,
}: {
  viewer: User | null;
  person: User;
  rooms: RoomActivity[];
}) => (
  <Layout title={person.username} user={viewer}>
    <section class="card">
      <h1>{person.username}</h1>
      <p>
        Member since <ClockTime at={person.createdAt} format="date" />.
      </p>
      <h2>Rooms</h2>
      <RoomList rooms={rooms} empty="No rooms yet." preview={viewer !== null} />
    </section>
  </Layout>
);
