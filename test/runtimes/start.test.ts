import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { settingsOf } from "../../src/kit/settings.ts";
import { standaloneOptions } from "../../src/runtime/start.ts";

describe("the standalone server's options", () => {
  it("carry every setting of the environment that the kit takes, so none is dropped on the way", () => {
    const env = {
      DATA_DIR: "/srv/parley",
      RATE_LIMIT: "off",
      TRUST_PROXY: "1",
      ADMIN_USERNAMES: "Ada, grace",
      METRICS_TOKEN: "a-long-enough-metrics-token",
      LOG_LEVEL: "debug",
    };
    const config = loadConfig(env);
    const options = standaloneOptions(config);
    expect(options).toMatchObject({
      adminUsernames: ["ada", "grace"],
      metricsToken: "a-long-enough-metrics-token",
      logLevel: "debug",
    });
    // What the kit makes of them is what the environment said.
    const { NODE_ENV: _, DRAIN_DELAY_MS: __, PORT: ___, ...kit } = settingsOf(options);
    const { NODE_ENV: _a, DRAIN_DELAY_MS: _b, PORT: _c, ...expected } = config;
    expect(kit).toEqual(expected);
  });
});
