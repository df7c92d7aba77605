import type { ApiToken, User } from "../../src/store/records.ts";
import { Layout } from "../layout.tsx";
import { ApiTokens } from "./api-tokens.tsx";
import { PasswordForm } from "./password-form.tsx";
import { ProfileForm } from "./profile-form.tsx";
import { PushControl } from "./push-control.tsx";

/**
 * Settings: the profile, notifications on this device, API tokens and the password. `newToken`, `tokensRevoked`,
 * `passwordChanged` and `profileSaved` are said once, after the post that did it.
 */
export const SettingsPage = ({
  user,
  tokens,
  newToken,
  tokensRevoked,
  passwordChanged,
  profileSaved,
  tokenError,
  passwordError,
  profileError,
  avatarError,
  profileForm,
  pushKey,
}: {
  user: User;
  /** The deployment's VAPID public key, for "Notifications on this device". */
  pushKey: string;
  tokens: ApiToken[];
  newToken?: string;
  tokensRevoked?: number;
  passwordChanged?: boolean;
  profileSaved?: boolean;
  tokenError?: string;
  passwordError?: string;
  profileError?: string;
  avatarError?: string;
  /** What the person typed into the profile form, shown again after an error. */
  profileForm?: { displayName: string; bio: string };
}) => (
  <Layout title="Settings" user={user}>
    <h1>Settings</h1>
    <ProfileForm user={user} typed={profileForm} saved={profileSaved} error={profileError} avatarError={avatarError} />
    <PushControl publicKey={pushKey} />
    <ApiTokens tokens={tokens} newToken={newToken} revoked={tokensRevoked} error={tokenError} />
    <PasswordForm changed={passwordChanged} error={passwordError} />
  </Layout>
);
