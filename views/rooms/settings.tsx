import { roomTopicRules } from "../../src/rooms/room-name-rules.ts";
import type { Room, User } from "../../src/store/records.ts";
import { FormError } from "../form-error.tsx";
import { Layout } from "../layout.tsx";

/** The room creator's settings: the topic under the room's name. */
export const RoomSettingsPage = ({
  user,
  room,
  topic = room.topic,
  error,
}: {
  user: User;
  room: Room;
  topic?: string;
  error?: string;
}) => (
  <Layout title={`${room.name} settings`} user={user}>
    <h1>Settings for {room.name}</h1>
    <section class="card" aria-labelledby="topic-title">
      <h2 id="topic-title">Topic</h2>
      <form method="post" action={`/rooms/${room.slug}/settings`} class="stacked-form">
        <FormError message={error} />
        <label for="room-topic">
          Topic <span class="hint">(one line under the name; empty for none)</span>
        </label>
        <input id="room-topic" name="topic" value={topic} maxlength={roomTopicRules.max} autocomplete="off" />
        <button type="submit">Save</button>
      </form>
    </section>
    <p>
      <a href={`/rooms/${room.slug}`}>Back to {room.name}</a>
    </p>
  </Layout>
);
