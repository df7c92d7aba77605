import { describe, expect, it } from "vitest";
import { loadConfig, loadSettings } from "../src/config.ts";

describe("settings", () => {
  it("default to a bare machine: port 3000, ./data, in-process bus, rate limits on", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: "./data", RATE_LIMIT: "on" });
    expect(config.REDIS_URL).toBeUndefined();
  });

  it("treat empty variables as unset", () => {
    const config = loadConfig({ PORT: "", REDIS_URL: "" });
    expect(config.PORT).toBe(3000);
    expect(config.REDIS_URL).toBeUndefined();
  });

  it("reduce PUBLIC_ORIGIN to an origin", () => {
    expect(loadConfig({ PUBLIC_ORIGIN: "https://chat.example.com/some/path" }).PUBLIC_ORIGIN).toBe(
      "https://chat.example.com",
    );
  });

  it("take a bus namespace that can prefix Redis channels and patterns alone", () => {
    expect(loadConfig({ BUS_NAMESPACE: "chat-prod.eu_1" }).BUS_NAMESPACE).toBe("chat-prod.eu_1");
    expect(loadConfig({}).BUS_NAMESPACE).toBeUndefined();
    for (const bad of ["a:b", "prod*", "p?", "[x]", "with space", "-lead", "x".repeat(65)])
      expect(() => loadConfig({ BUS_NAMESPACE: bad }), bad).toThrowError(/BUS_NAMESPACE/);
  });

  it("read ADMIN_USERNAMES as a list of lower-case usernames, empty when unset", () => {
    expect(loadConfig({}).ADMIN_USERNAMES).toEqual([]);
    expect(loadConfig({ ADMIN_USERNAMES: " Ada, grace ,," }).ADMIN_USERNAMES).toEqual(["ada", "grace"]);
  });

  it("turn /metrics on only with a METRICS_TOKEN long enough to be a secret, and log at info unless told", () => {
    expect(loadConfig({}).METRICS_TOKEN).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: "0123456789abcdef" }).METRICS_TOKEN).toBe("0123456789abcdef");
    for (const bad of ["short", "with a space inside it", "tab\tinside-a-long-token"])
      expect(() => loadConfig({ METRICS_TOKEN: bad }), bad).toThrowError(/METRICS_TOKEN/);
    expect(loadConfig({}).LOG_LEVEL).toBe("info");
    for (const level of ["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      expect(loadConfig({ LOG_LEVEL: level }).LOG_LEVEL).toBe(level);
    expect(() => loadConfig({ LOG_LEVEL: "verbose" })).toThrowError(/LOG_LEVEL: must be one of fatal, error/);
    expect(loadConfig({}).DRAIN_DELAY_MS).toBe(0);
    expect(loadConfig({ DRAIN_DELAY_MS: "5000" }).DRAIN_DELAY_MS).toBe(5000);
    expect(() => loadConfig({ DRAIN_DELAY_MS: "soon" })).toThrowError(/DRAIN_DELAY_MS/);
  });

  it("name every bad variable at once", () => {
    expect(() => loadConfig({ PORT: "eighty", RATE_LIMIT: "maybe", REDIS_URL: "http://x" })).toThrowError(
      /PORT[\s\S]*REDIS_URL[\s\S]*RATE_LIMIT|PORT[\s\S]*RATE_LIMIT[\s\S]*REDIS_URL/,
    );
  });
});

describe("settings from the command line", () => {
  it("win over the environment", () => {
    process.env.DATA_DIR = "/from/env";
    try {
      expect(loadSettings({ DATA_DIR: "/from/flag" }).DATA_DIR).toBe("/from/flag");
      expect(loadSettings({}).DATA_DIR).toBe("/from/env");
    } finally {
      delete process.env.DATA_DIR;
    }
  });
});
