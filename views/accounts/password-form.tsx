import { passwordRules } from "../../src/accounts/credential-rules.ts";
import { FormError } from "../form-error.tsx";
import { usePaths } from "../paths.ts";

/** One password input with its label; new passwords also carry the length rule. */
const PasswordField = ({
  id,
  label,
  fresh,
  describedBy,
}: {
  id: "current-password" | "new-password" | "confirm-password";
  label: string;
  /** A new password: the browser may suggest one, and the length rule applies. */
  fresh: boolean;
  describedBy?: string;
}) => (
  <>
    <label for={id}>{label}</label>
    <input
      id={id}
      name={id.replace("-", "_")}
      type="password"
      required
      autocomplete={fresh ? "new-password" : "current-password"}
      minlength={fresh ? passwordRules.min : undefined}
      maxlength={passwordRules.max}
      aria-describedby={describedBy}
    />
  </>
);

/** Changing the password: the current one proves it is the owner; other sessions end with the old one. */
export const PasswordForm = ({ changed, error }: { changed?: boolean; error?: string }) => {
  const { to } = usePaths();
  return (
    <section class="card" aria-labelledby="password">
      <h2 id="password">Password</h2>
      {changed ? (
        <p class="notice" role="status">
          Your password is changed. Every other browser and device signed in as you has been signed out. Your{" "}
          <a href="#api-tokens">API tokens</a> still work: revoke them if someone else may have had your password.
        </p>
      ) : null}
      <form method="post" action={to("/settings/password")} class="account-form">
        <FormError message={error} />
        <PasswordField id="current-password" label="Current password" fresh={false} />
        <PasswordField id="new-password" label="New password" fresh describedBy="new-password-rules" />
        <p id="new-password-rules" class="hint">
          {passwordRules.description}
        </p>
        <PasswordField id="confirm-password" label="New password again" fresh />
        <button type="submit">Change password</button>
      </form>
    </section>
  );
};
