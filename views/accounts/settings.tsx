import type { ApiToken, User } from "../../src/store/records.ts";
import { FormError } from "../form-error.tsx";
import { Layout } from "../layout.tsx";
import { ClockTime } from "../time.tsx";

/** API tokens: a new token is shown once, right after it is made; only its hash is stored. */
export const SettingsPage = ({
  user,
  tokens,
  newToken,
  error,
}: {
  user: User;
  tokens: ApiToken[];
  newToken?: string;
  error?: string;
}) => (
  <Layout title="Settings" user={user}>
    <h1>Settings</h1>
    <section class="card">
      <h2>API tokens</h2>
      <p class="hint">
        A token lets a program post as you: <code>Authorization: Bearer &lt;token&gt;</code> on{" "}
        <code>POST /api/rooms/:slug/messages</code>.
      </p>
      {newToken ? (
        <p class="notice" role="status">
          Your new token (copy it now, it is not shown again): <code class="token">{newToken}</code>
        </p>
      ) : null}
      <FormError message={error} />
      <form method="post" action="/settings/tokens" class="inline-form">
        <label for="token-name">Token name</label>
        <input id="token-name" name="name" required maxlength={64} placeholder="e.g. deploy bot" />
        <button type="submit">Create token</button>
      </form>
      {tokens.length === 0 ? (
        <p>No tokens yet.</p>
      ) : (
        <ul class="tokens">
          {tokens.map((token) => (
            <li>
              <strong>{token.name}</strong> created <ClockTime at={token.createdAt} withDate />
              {token.lastUsedAt ? (
                <>
                  , last used <ClockTime at={token.lastUsedAt} withDate />
                </>
              ) : (
                ", never used"
              )}
              <form method="post" action={`/settings/tokens/${token.id}/delete`} class="inline">
                <button type="submit" class="link">
                  Revoke
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  </Layout>
);
