import type { User } from "../src/store/records.ts";
import { Layout } from "./layout.tsx";

export const ErrorPage = ({ status, message, user }: { status: number; message: string; user: User | null }) => (
  <Layout title={status === 404 ? "Not found" : "Error"} user={user}>
    <section class="card">
      <h1>{status === 404 ? "Not found" : "Something went wrong"}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Back to the rooms</a>
      </p>
    </section>
  </Layout>
);
