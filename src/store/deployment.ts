import { eq } from "drizzle-orm";
import type { Db } from "./db.ts";
import { deployment } from "./schema.ts";
import type { DeploymentQueries } from "./store.ts";

export function deploymentQueries(db: Db): DeploymentQueries {
  return {
    /**
     * The value kept under `key`, storing `proposed` if there is none yet. Instances starting
     * together on a new database may all propose one: INSERT OR IGNORE lets the first write
     * win, and each reads back that one, so they all agree.
     */
    async claim(key: string, proposed: string): Promise<string> {
      await db.insert(deployment).values({ key, value: proposed }).onConflictDoNothing();
      const [row] = await db.select({ value: deployment.value }).from(deployment).where(eq(deployment.key, key));
      if (!row) throw new Error(`deployment value ${key} was neither stored nor found`);
      return row.value;
    },
  };
}
