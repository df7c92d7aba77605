import type { WSContext } from "hono/ws";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Bus } from "../../src/bus/bus.ts";
import { createMemoryBus } from "../../src/bus/memory.ts";
import { createChannels } from "../../src/delivery/channels.ts";

const socket = () => ({}) as WSContext;
const fanout = () => ({ subscribe: vi.fn(), unsubscribe: vi.fn(), publish: vi.fn() });

describe("channels", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("listens to a room on the bus once, while local sockets are there", async () => {
    const bus = createMemoryBus();
    const subscribe = vi.spyOn(bus, "subscribe");
    const channels = createChannels(bus, fanout());
    const [first, second] = [socket(), socket()];
    await channels.join(first, "room:1");
    await channels.join(second, "room:1");
    expect(subscribe).toHaveBeenCalledTimes(1);
    expect(channels.topics()).toEqual(["room:1"]);
    channels.leave(first, "room:1");
    expect(channels.topics()).toEqual(["room:1"]);
    channels.leave(second, "room:1");
    expect(channels.topics()).toEqual([]);
  });

  it("lets a socket join when the bus cannot subscribe, and tries the bus again on the next join", async () => {
    const bus: Bus = createMemoryBus();
    const attempts = vi
      .spyOn(bus, "subscribe")
      .mockRejectedValueOnce(new Error("bus unreachable"))
      .mockImplementation(async () => async () => {});
    vi.spyOn(console, "error").mockImplementation(() => {});
    const local = fanout();
    const channels = createChannels(bus, local);

    await expect(channels.join(socket(), "room:1")).resolves.toBeUndefined();
    expect(local.subscribe).toHaveBeenCalledTimes(1); // its own sockets still hear the room
    await channels.join(socket(), "room:1");
    await channels.join(socket(), "room:1");
    expect(attempts).toHaveBeenCalledTimes(2);
  });
});
