import type { Deps } from "../app-env.ts";
import type { SessionSockets } from "../delivery/session-sockets.ts";
import type { User } from "../store/records.ts";

/** What a deactivated person is told wherever they try to come back: log-in, API, embed. */
export const deactivatedMessage = "This account is deactivated.";

/**
 * Deactivates a person: the mark first (so a sign-in, a token or an embed entry racing with this
 * is refused), then every session of theirs (pages, embeds) and, on every instance, their open
 * sockets (4401). Their API tokens stay stored but are refused while the mark is set, so a script
 * hears why; reactivation revokes them, so none comes back to life. Messages are kept.
 */
export async function deactivate(
  deps: Pick<Deps, "store" | "now">,
  sockets: Pick<SessionSockets, "endUser">,
  person: User,
) {
  // Again is harmless (a retried request): the first time stays the time it happened.
  if (!person.deactivatedAt) await deps.store.users.setDeactivated(person.id, deps.now());
  // A session id is a digest, never empty: keeping "" keeps none.
  await deps.store.sessions.deleteOthers(person.id, "");
  await sockets.endUser(person.id);
}

/** Lets the person sign in again; tokens made before the deactivation stay revoked. */
export async function reactivate(deps: Pick<Deps, "store">, person: User) {
  // An active person's tokens are theirs to keep: only coming back from a deactivation revokes them.
  if (!person.deactivatedAt) return;
  await deps.store.apiTokens.revokeAll(person.id);
  await deps.store.users.setDeactivated(person.id, null);
}
