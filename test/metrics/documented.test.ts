import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createMetrics } from "../../src/metrics/metrics.ts";
import { parsePrometheus } from "../support/prometheus.ts";

const root = join(import.meta.dirname, "..", "..");
const dashboard = readFileSync(join(root, "docs/grafana-dashboard.json"), "utf8");
const operating = readFileSync(join(root, "docs/operating.md"), "utf8");
const family = (name: string) => name.replace(/_(bucket|sum|count)$/, "");

/** The dashboard and docs/operating.md against what /metrics really has, so neither drifts. */
describe("the metrics' documentation and dashboard", () => {
  it("name only metrics that exist, and every one of Parley's own", async () => {
    const metrics = createMetrics();
    metrics.measureRuntime();
    try {
      const exposed = new Set(parsePrometheus((await metrics.scrape()).text).map((sample) => family(sample.name)));
      const own = [...exposed].filter((name) => !/^parley_(process|nodejs)_/.test(name));
      expect(own.length).toBeGreaterThanOrEqual(10);
      const charted = new Set([...dashboard.matchAll(/parley_\w+/g)].map(([name]) => family(name)));
      for (const name of charted) expect(exposed, `the dashboard's ${name}`).toContain(name);
      for (const name of own) {
        expect(charted, `${name} on the dashboard`).toContain(name);
        expect(operating, `${name} in docs/operating.md`).toContain(`\`${name}`);
      }
      expect(JSON.parse(dashboard).panels.length).toBeGreaterThan(10);
    } finally {
      metrics.stop();
    }
  });
});
