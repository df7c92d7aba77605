import { describe, expect, it } from "vitest";
import { commandLine } from "../../bench/cli.ts";

describe("the comparison scripts' command line", () => {
  it("reads options by name and takes the one bare argument as the ref, wherever it stands", () => {
    const { option, bare } = commandLine(["--rounds", "5", "main", "--bursts", "2"]);
    expect(option("--rounds")).toBe("5");
    expect(option("--bursts")).toBe("2");
    expect(option("--clients")).toBeUndefined();
    expect(bare(["--rounds", "--bursts"])).toBe("main");
  });

  it("never takes an option's value for the ref", () => {
    expect(commandLine(["--rounds", "3"]).bare(["--rounds"])).toBeUndefined();
    expect(commandLine(["--server", "parley-pg", "18edad7"]).bare(["--server"])).toBe("18edad7");
  });
});
