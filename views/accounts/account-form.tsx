import { passwordRules, usernameRules } from "../../src/accounts/credential-rules.ts";
import { FormError } from "../form-error.tsx";

/** The sign-up and log-in forms: same fields, so one component; sign-up also states the rules. */
export const AccountForm = ({
  action,
  submit,
  username = "",
  error,
  next,
  showRules,
}: {
  /** Where the form posts, already under the base path. */
  action: string;
  submit: string;
  username?: string;
  error?: string;
  next?: string;
  showRules?: boolean;
}) => {
  return (
    <form method="post" action={action} class="card account-form">
      <FormError message={error} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <label for="username">Username</label>
      <input
        id="username"
        name="username"
        value={username}
        required
        autocomplete="username"
        autocapitalize="none"
        spellcheck={false}
        minlength={usernameRules.min}
        maxlength={usernameRules.max}
        aria-describedby={showRules ? "username-rules" : undefined}
      />
      {showRules ? (
        <p id="username-rules" class="hint">
          {usernameRules.description}
        </p>
      ) : null}
      <label for="password">Password</label>
      <input
        id="password"
        name="password"
        type="password"
        required
        autocomplete={showRules ? "new-password" : "current-password"}
        minlength={passwordRules.min}
        maxlength={passwordRules.max}
        aria-describedby={showRules ? "password-rules" : undefined}
      />
      {showRules ? (
        <p id="password-rules" class="hint">
          {passwordRules.description}
        </p>
      ) : null}
      <button type="submit">{submit}</button>
    </form>
  );
};
