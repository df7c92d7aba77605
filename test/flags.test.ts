import { describe, expect, it } from "vitest";
import { helpText, parseBackupFlags, parseFlags } from "../src/flags.ts";

describe("command-line flags", () => {
  it("name the same settings as the environment, as `--name value` or `--name=value`", () => {
    expect(parseFlags(["--port", "8080", "--data-dir=/var/lib/parley", "--rate-limit", "off"])).toEqual({
      run: { PORT: "8080", DATA_DIR: "/var/lib/parley", RATE_LIMIT: "off" },
    });
    expect(parseFlags(["--redis-url=redis://cache:6379", "--public-origin", "https://chat.example.com"])).toEqual({
      run: { REDIS_URL: "redis://cache:6379", PUBLIC_ORIGIN: "https://chat.example.com" },
    });
    expect(parseFlags(["--bus-namespace", "chat-prod"])).toEqual({ run: { BUS_NAMESPACE: "chat-prod" } });
    expect(parseFlags(["--admin-usernames=ada,grace"])).toEqual({ run: { ADMIN_USERNAMES: "ada,grace" } });
  });

  it("ask for help or the version", () => {
    expect(parseFlags(["--port", "1", "--help"])).toEqual({ help: true });
    expect(parseFlags(["--version"])).toEqual({ version: true });
  });

  it("refuse unknown options and missing values", () => {
    expect(parseFlags(["--prot", "1"])).toEqual({ error: "unknown option --prot (see --help)" });
    expect(parseFlags(["--port"])).toEqual({ error: "--port needs a value" });
  });

  it("are all listed in the help, with their environment names", () => {
    const help = helpText("1.2.3");
    for (const name of [
      "--port",
      "--data-dir",
      "--redis-url",
      "--redis-cluster-nodes",
      "--bus-namespace",
      "--public-origin",
      "--rate-limit",
      "--admin-usernames",
      "--log-level",
      "--drain-delay-ms",
    ])
      expect(help).toContain(name);
    for (const name of [
      "PORT",
      "DATA_DIR",
      "REDIS_URL",
      "REDIS_CLUSTER_NODES",
      "BUS_NAMESPACE",
      "PUBLIC_ORIGIN",
      "RATE_LIMIT",
      "ADMIN_USERNAMES",
      "LOG_LEVEL",
      "DRAIN_DELAY_MS",
      "METRICS_TOKEN",
    ])
      expect(help).toContain(name);
    expect(help).toContain("--version");
    expect(help).toContain("parley backup --to <folder>");
    expect(help).toContain("S3_BUCKET");
  });
});

describe("parley backup's flags", () => {
  it("take the folder to write and the same settings as serving", () => {
    expect(parseBackupFlags(["--to", "/backups/today", "--data-dir=/var/lib/parley"])).toEqual({
      backup: { to: "/backups/today", settings: { DATA_DIR: "/var/lib/parley" } },
    });
    expect(parseBackupFlags([])).toEqual({ backup: { to: undefined, settings: {} } });
    expect(parseBackupFlags(["--help"])).toEqual({ help: true });
  });

  it("refuse what they do not know", () => {
    expect(parseBackupFlags(["--too", "x"])).toEqual({ error: "unknown option --too (see --help)" });
    expect(parseBackupFlags(["--to"])).toEqual({ error: "--to needs a value" });
    expect(parseFlags(["--to", "x"])).toEqual({ error: "unknown option --to (see --help)" });
  });
});
