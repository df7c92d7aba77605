import { passwordRules } from "../../src/accounts/credential-rules.ts";
import { FormError } from "../form-error.tsx";

/** Changing the password: the current one proves it is the owner; other sessions end with the old one. */
export const PasswordForm = ({ changed, error }: { changed?: boolean; error?: string }) => (
  <section class="card" aria-labelledby="password">
    <h2 id="password">Password</h2>
    {changed ? (
      <p class="notice" role="status">
        Your password is changed. Every other browser and device signed in as you has been signed out.
      </p>
    ) : null}
    <form method="post" action="/settings/password" class="account-form">
      <FormError message={error} />
      <label for="current-password">Current password</label>
      <input
        id="current-password"
        name="current_password"
        type="password"
        required
        autocomplete="current-password"
        maxlength={passwordRules.max}
      />
      <label for="new-password">New password</label>
      <input
        id="new-password"
        name="new_password"
        type="password"
        required
        autocomplete="new-password"
        minlength={passwordRules.min}
        maxlength={passwordRules.max}
        aria-describedby="new-password-rules"
      />
      <p id="new-password-rules" class="hint">
        {passwordRules.description}
      </p>
      <label for="confirm-password">New password again</label>
      <input
        id="confirm-password"
        name="confirm_password"
        type="password"
        required
        autocomplete="new-password"
        minlength={passwordRules.min}
        maxlength={passwordRules.max}
      />
      <button type="submit">Change password</button>
    </form>
  </section>
);
