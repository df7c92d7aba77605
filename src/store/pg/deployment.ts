import { eq } from "drizzle-orm";
import type { DeploymentQueries } from "../store.ts";
import type { PgDb } from "./db.ts";
import { deployment } from "./schema.ts";

export function deploymentQueries(db: PgDb): DeploymentQueries {
  return {
    /** ON CONFLICT DO NOTHING lets the first instance's value win; every instance reads that one back. */
    async claim(key, proposed) {
      await db.insert(deployment).values({ key, value: proposed }).onConflictDoNothing();
      const [row] = await db.select({ value: deployment.value }).from(deployment).where(eq(deployment.key, key));
      if (!row) throw new Error(`deployment value ${key} was neither stored nor found`);
      return row.value;
    },
  };
}
