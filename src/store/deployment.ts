import { eq } from "drizzle-orm";
import type { Dialect } from "./dialect.ts";
import type { DeploymentQueries } from "./store.ts";

export function deploymentQueries({ db, tables: { deployment } }: Dialect): DeploymentQueries {
  return {
    /**
     * Instances starting together on a new database may all propose a value: ON CONFLICT DO
     * NOTHING lets the first write win, and each reads back that one, so they all agree.
     */
    async claim(key, proposed) {
      await db.insert(deployment).values({ key, value: proposed }).onConflictDoNothing();
      const [row] = await db.select({ value: deployment.value }).from(deployment).where(eq(deployment.key, key));
      if (!row) throw new Error(`deployment value ${key} was neither stored nor found`);
      return row.value;
    },
  };
}
