import { roomNameRules, roomTopicRules } from "../../src/rooms/room-name-rules.ts";
import type { Room } from "../../src/store/records.ts";
import { usePaths } from "../paths.ts";

export type CreateRoomForm = { name?: string; topic?: string; visibility?: string; error?: string; existing?: Room };

/** Name, optional topic, public or private; a name already taken points at the room that has it. */
export const CreateRoom = ({ name = "", topic = "", visibility = "public", error, existing }: CreateRoomForm) => {
  const { to } = usePaths();
  return (
    <form method="post" action={to("/rooms")} class="stacked-form" aria-labelledby="create-room-title">
      {error ? (
        <p class="error" role="alert">
          {error}
          {existing ? (
            <>
              {" "}
              <a href={to(`/rooms/${existing.slug}`)}>Open {existing.name}</a>
            </>
          ) : null}
        </p>
      ) : null}
      <label for="room-name">Name</label>
      <input id="room-name" name="name" value={name} required maxlength={roomNameRules.max} autocomplete="off" />
      <label for="room-topic">
        Topic <span class="hint">(optional)</span>
      </label>
      <input id="room-topic" name="topic" value={topic} maxlength={roomTopicRules.max} autocomplete="off" />
      <fieldset class="visibility-choice">
        <legend>Who can find it</legend>
        <label>
          <input type="radio" name="visibility" value="public" checked={visibility !== "private"} />
          <span>
            <strong>Public</strong>
            <span class="hint">Listed for everyone; anyone signed in can join.</span>
          </span>
        </label>
        <label>
          <input type="radio" name="visibility" value="private" checked={visibility === "private"} />
          <span>
            <strong>Private</strong>
            <span class="hint">Only its members can see it; to anyone else it does not exist.</span>
          </span>
        </label>
      </fieldset>
      <button type="submit">Create room</button>
    </form>
  );
};
