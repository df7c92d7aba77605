import { searchRules } from "../../src/search/search-rules.ts";
import type { Room, User } from "../../src/store/records.ts";
import { FormError } from "../form-error.tsx";
import { Layout } from "../layout.tsx";
import { usePaths } from "../paths.ts";
import { RoomName } from "../rooms/room-card.tsx";
import { FoundMessage, type ShownFind } from "./found-message.tsx";
import { searchHref } from "./search-href.ts";

/**
 * GET /search: the box, then what it found, newest first, a page at a time ("Older results").
 * Before anything is typed, and when nothing is found, it says so in words for people.
 */
export const SearchPage = ({
  user,
  text,
  room,
  found,
  older,
  error,
  searched,
}: {
  user: User;
  text: string;
  /** The one room searched, if any. */
  room?: Room;
  found: ShownFind[];
  /** Where the next, older page starts; undefined when there is none. */
  older?: number;
  /** Why the search could not run (too long, no words). */
  error?: string;
  /** Whether a search ran (text was given and was good). */
  searched: boolean;
}) => {
  const { to } = usePaths();
  const where = room ? "this room" : "your rooms";
  return (
    <Layout title={text ? `${text} · Search` : "Search"} user={user}>
      <section class="search-page" aria-labelledby="search-title">
        <h1 id="search-title">
          {room ? (
            <>
              Search in <RoomName room={room} />
            </>
          ) : (
            "Search messages"
          )}
        </h1>
        <search>
          <form class="search-form" method="get" action={to("/search")}>
            <label for="search-q">Words to find in {where}</label>
            <div class="search-row">
              <input
                type="search"
                id="search-q"
                name="q"
                value={text}
                maxlength={searchRules.maxLength}
                required
                autocomplete="off"
                aria-describedby="search-error"
                aria-invalid={error ? "true" : undefined}
                autofocus={!searched}
              />
              {room ? <input type="hidden" name="room" value={room.slug} /> : null}
              <button type="submit">Search</button>
            </div>
            <FormError id="search-error" message={error} />
            {room ? (
              <p class="search-scope">
                <a href={to(searchHref({ text }))}>Search all your rooms instead</a>
              </p>
            ) : null}
          </form>
        </search>
        {searched ? (
          found.length ? (
            <>
              <h2 class="visually-hidden">Results</h2>
              <ol class="search-results">
                {found.map((message) => (
                  <FoundMessage message={message} />
                ))}
              </ol>
              {older !== undefined ? (
                <p class="older-results">
                  <a href={to(searchHref({ text, room: room?.slug, before: older }))}>Older results</a>
                </p>
              ) : (
                <p class="search-end">That is everything that matches.</p>
              )}
            </>
          ) : (
            <div class="search-empty" role="status">
              <p>
                Nothing in {where} says “{text}”.
              </p>
              <p>Search finds whole words, and only messages with every word you type: try fewer or other words.</p>
            </div>
          )
        ) : error ? null : (
          <p class="search-empty">
            Type a word or two to find messages in {where}, newest first. Each result opens its conversation at that
            message.
          </p>
        )}
      </section>
    </Layout>
  );
};
