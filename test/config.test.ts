import { describe, expect, it } from "vitest";
import { loadConfig, loadSettings, objectStorageOf } from "../src/config.ts";

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

  it("keep uploads on disk without S3_*, and in the bucket with the three it needs", () => {
    expect(loadConfig({}).S3_BUCKET).toBeUndefined();
    const bucket = { S3_BUCKET: "uploads", S3_ACCESS_KEY_ID: "id", S3_SECRET_ACCESS_KEY: "secret" };
    expect(objectStorageOf(loadConfig(bucket))).toEqual({
      bucket: "uploads",
      accessKeyId: "id",
      secretAccessKey: "secret",
      endpoint: undefined,
      region: undefined,
    });
    expect(loadConfig({ ...bucket, S3_ENDPOINT: "https://minio.internal:9000/", S3_REGION: "auto" })).toMatchObject({
      S3_ENDPOINT: "https://minio.internal:9000",
      S3_REGION: "auto",
    });
    expect(objectStorageOf(loadConfig({}))).toBeUndefined();
  });

  it("name what partial object storage lacks, with the rest of what is wrong", () => {
    let message = "";
    try {
      loadConfig({ S3_ENDPOINT: "https://s3.example", S3_BUCKET: "uploads", PORT: "eighty" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/PORT:/);
    expect(message).toMatch(/S3_ACCESS_KEY_ID: required for object storage \(S3_BUCKET, S3_ENDPOINT set\)/);
    expect(message).toMatch(/S3_SECRET_ACCESS_KEY: required for object storage/);
    expect(message).not.toMatch(/S3_BUCKET: required/);
    expect(() => loadConfig({ S3_REGION: "us-east-1" })).toThrowError(/S3_BUCKET: required/);
    expect(() => loadConfig({ S3_ENDPOINT: "file:///tmp" })).toThrowError(/S3_ENDPOINT: must be an http/);
  });

  it("read REDIS_CLUSTER_NODES as a list of nodes, and refuse it beside REDIS_URL, naming both", () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: "10.0.0.1:6379, 10.0.0.2:6380," }).REDIS_CLUSTER_NODES).toEqual([
      "10.0.0.1:6379",
      "10.0.0.2:6380",
    ]);
    expect(loadConfig({ REDIS_CLUSTER_NODES: "parley:s%40cret@redis-a:6379" }).REDIS_CLUSTER_NODES).toEqual([
      "parley:s%40cret@redis-a:6379",
    ]);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: "redis://10.0.0.1:6379" })).toThrowError(
      /REDIS_CLUSTER_NODES: must be host:port,host:port/,
    );
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: "10.0.0.1" })).toThrowError(
      /REDIS_CLUSTER_NODES: must be host:port/,
    );
    expect(() =>
      loadConfig({ PORT: "eighty", REDIS_URL: "redis://a:6379", REDIS_CLUSTER_NODES: "b:6379" }),
    ).toThrowError(/PORT[\s\S]*REDIS_CLUSTER_NODES: set either REDIS_URL \(one Redis\) or REDIS_CLUSTER_NODES/);
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
