import type { ApiToken } from "../../src/store/records.ts";
import { FormError } from "../form-error.tsx";
import { usePaths } from "../paths.ts";
import { ClockTime } from "../time.tsx";

const counted = (n: number) => (n === 1 ? "1 token is" : `${n} tokens are`);

/**
 * API tokens: a new token is shown once, right after it is made; only its hash is stored. They
 * run programs, so a log-out or a new password leaves them be (as GitHub's and Slack's do): the
 * section says so, and "Revoke all tokens" ends them at once.
 */
export const ApiTokens = ({
  tokens,
  newToken,
  revoked,
  error,
}: {
  tokens: ApiToken[];
  newToken?: string;
  /** How many "Revoke all tokens" just revoked. */
  revoked?: number;
  error?: string;
}) => {
  const { to } = usePaths();
  return (
    <section class="card" aria-labelledby="api-tokens">
      <h2 id="api-tokens">API tokens</h2>
      <p class="hint">
        A token lets a program post as you: <code>Authorization: Bearer &lt;token&gt;</code> on{" "}
        <code>POST {to("/api/rooms/:slug/messages")}</code>. Tokens keep working after you log out or change your
        password, until you revoke them.
      </p>
      {newToken ? (
        <p class="notice" role="status">
          Your new token (copy it now, it is not shown again): <code class="token">{newToken}</code>
        </p>
      ) : null}
      {revoked !== undefined ? (
        <p class="notice" role="status">
          {revoked === 0
            ? "There were no tokens to revoke."
            : `${counted(revoked)} revoked: programs using them are refused from now on.`}
        </p>
      ) : null}
      <FormError message={error} />
      <form method="post" action={to("/settings/tokens")} class="inline-form">
        <label for="token-name">Token name</label>
        <input id="token-name" name="name" required maxlength={64} placeholder="e.g. deploy bot" />
        <button type="submit">Create token</button>
      </form>
      {tokens.length === 0 ? (
        <p class="hint">No tokens yet.</p>
      ) : (
        <ul class="tokens">
          {tokens.map((token) => (
            <li class="token-row">
              <div class="token-about">
                <strong class="token-name">{token.name}</strong>
                <span class="token-dates">
                  <span>
                    Created <ClockTime at={token.createdAt} format="datetime" />
                  </span>
                  <span>
                    {token.lastUsedAt ? (
                      <>
                        Last used <ClockTime at={token.lastUsedAt} format="datetime" />
                      </>
                    ) : (
                      "Never used"
                    )}
                  </span>
                </span>
              </div>
              <form method="post" action={to(`/settings/tokens/${token.id}/delete`)}>
                <button type="submit" class="secondary" aria-label={`Revoke token ${token.name}`}>
                  Revoke
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {tokens.length > 1 ? (
        <form method="post" action={to("/settings/tokens/revoke-all")} class="revoke-all">
          <button type="submit" class="secondary">
            Revoke all tokens
          </button>
        </form>
      ) : null}
    </section>
  );
};
