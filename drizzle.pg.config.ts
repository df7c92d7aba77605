import { defineConfig } from "drizzle-kit";

/** PostgreSQL's migrations: `npm run db:generate` runs drizzle-kit with this config and `drizzle.config.ts`. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/store/pg/schema.ts",
  out: "./src/store/pg/migrations",
});
