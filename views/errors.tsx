import type { User } from "../src/store/records.ts";
import { Layout } from "./layout.tsx";
import { usePaths } from "./paths.ts";

const headlines: Record<number, string> = {
  403: "Not allowed",
  404: "Not found",
  413: "Too large",
  429: "Slow down",
  503: "Try again shortly",
};

export const ErrorPage = ({ status, message, user }: { status: number; message: string; user: User | null }) => {
  const { to } = usePaths();
  const headline = headlines[status] ?? "Something went wrong";
  return (
    <Layout title={headline} user={user}>
      <section class="card">
        <h1>{headline}</h1>
        <p>{message}</p>
        <p>
          <a href={to("/")}>Back to the rooms</a>
        </p>
      </section>
    </Layout>
  );
};
