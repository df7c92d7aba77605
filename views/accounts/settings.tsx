import type { ApiToken, User } from "../../src/store/records.ts";
import { Layout } from "../layout.tsx";
import { ApiTokens } from "./api-tokens.tsx";
import { PasswordForm } from "./password-form.tsx";

/** Settings: API tokens and the password; `newToken` and `passwordChanged` are said once, after the post that did it. */
export const SettingsPage = ({
  user,
  tokens,
  newToken,
  passwordChanged,
  tokenError,
  passwordError,
}: {
  user: User;
  tokens: ApiToken[];
  newToken?: string;
  passwordChanged?: boolean;
  tokenError?: string;
  passwordError?: string;
}) => (
  <Layout title="Settings" user={user}>
    <h1>Settings</h1>
    <ApiTokens tokens={tokens} newToken={newToken} error={tokenError} />
    <PasswordForm changed={passwordChanged} error={passwordError} />
  </Layout>
);
