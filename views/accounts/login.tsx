import { Layout } from "../layout.tsx";
import { AccountForm } from "./account-form.tsx";

export const LoginPage = ({ username, error, next }: { username?: string; error?: string; next?: string }) => (
  <Layout title="Log in" user={null}>
    <h1>Log in</h1>
    <AccountForm action="/login" submit="Log in" username={username} error={error} next={next} />
    <p>
      New here? <a href={next ? `/signup?next=${encodeURIComponent(next)}` : "/signup"}>Create an account</a>
    </p>
  </Layout>
);
