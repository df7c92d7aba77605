import type { Context } from "hono";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { clientIp, networkOf } from "../../src/http/client-ip.ts";

const request = (forwardedFor?: string) =>
  ({ req: { header: (name: string) => (name === "x-forwarded-for" ? forwardedFor : undefined) } }) as Context;
const from = (trustProxy: string, socket = "10.0.0.2") => ({
  config: loadConfig({ TRUST_PROXY: trustProxy }),
  remoteAddress: () => socket,
});

describe("the client's address", () => {
  it("is the socket's peer unless a proxy is configured: X-Forwarded-For is anyone's to write", () => {
    expect(clientIp(request("198.51.100.7"), from("0"))).toBe("10.0.0.2");
    expect(clientIp(request(), from("0"))).toBe("10.0.0.2");
  });

  it("behind N proxies is the Nth entry from the right, never one the client wrote further left", () => {
    expect(clientIp(request("6.6.6.6, 198.51.100.7"), from("1"))).toBe("198.51.100.7");
    expect(clientIp(request("6.6.6.6, 198.51.100.7, 10.0.0.9"), from("2"))).toBe("198.51.100.7");
    // A proxy that forwarded nothing: the socket's peer, not a guess.
    expect(clientIp(request(), from("1"))).toBe("10.0.0.2");
  });

  it("is required of every runtime", () => {
    expect(() => clientIp(request(), { config: loadConfig({}), remoteAddress: () => undefined })).toThrow();
  });

  it("is counted by IPv4 address, or by the IPv6 /64 a subscriber holds", () => {
    expect(networkOf("198.51.100.7")).toBe("198.51.100.7");
    expect(networkOf("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(networkOf("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(networkOf("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(networkOf("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(networkOf("::1")).toBe("0:0:0:0::/64");
    expect(networkOf("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });

  it("is a setting that must be a small number", () => {
    expect(() => loadConfig({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({}).TRUST_PROXY).toBe(0);
  });
});
