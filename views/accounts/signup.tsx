import { Layout } from "../layout.tsx";
import { usePaths } from "../paths.ts";
import { AccountForm } from "./account-form.tsx";

export const SignupPage = ({ username, error, next }: { username?: string; error?: string; next?: string }) => {
  const { to } = usePaths();
  return (
    <Layout title="Sign up" user={null}>
      <h1>Create your account</h1>
      <AccountForm action={to("/signup")} submit="Sign up" username={username} error={error} next={next} showRules />
      <p>
        Already have an account?{" "}
        <a href={next ? `${to("/login")}?next=${encodeURIComponent(next)}` : to("/login")}>Log in</a>
      </p>
    </Layout>
  );
};
