import { Layout } from "../layout.tsx";
import { AccountForm } from "./account-form.tsx";

export const SignupPage = ({ username, error, next }: { username?: string; error?: string; next?: string }) => (
  <Layout title="Sign up" user={null}>
    <h1>Create your account</h1>
    <AccountForm action="/signup" submit="Sign up" username={username} error={error} next={next} showRules />
    <p>
      Already have an account? <a href={next ? `/login?next=${encodeURIComponent(next)}` : "/login"}>Log in</a>
    </p>
  </Layout>
);
