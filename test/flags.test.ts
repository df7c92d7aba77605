import { describe, expect, it } from "vitest";
import { helpText, parseFlags } from "../src/flags.ts";

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
  });
});
