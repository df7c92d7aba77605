import { fileURLToPath } from "node:url";

/** drizzle-kit's output, applied at start by each driver's migrator. */
export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));
