import { Layout } from "../layout.tsx";
import { usePaths } from "../paths.ts";
import { AccountForm } from "./account-form.tsx";

export const LoginPage = ({ username, error, next }: { username?: string; error?: string; next?: string }) => {
  const { to } = usePaths();
  return (
    <Layout title="Log in" user={null}>
      <h1>Log in</h1>
      <AccountForm action={to("/login")} submit="Log in" username={username} error={error} next={next} />
      <p>
        New here?{" "}
        <a href={next ? `${to("/signup")}?next=${encodeURIComponent(next)}` : to("/signup")}>Create an account</a>
      </p>
    </Layout>
  );
};
