import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { settingsOf } from "../../src/kit/settings.ts";
import { browser, createTestApp } from "../support/test-app.ts";

describe("administrators", () => {
  it("are named to the kit as adminUsernames, as ADMIN_USERNAMES names them to the server", () => {
    expect(settingsOf({ adminUsernames: ["Ada", "grace"] }).ADMIN_USERNAMES).toEqual(["ada", "grace"]);
    expect(settingsOf({}).ADMIN_USERNAMES).toEqual([]);
  });

  it("do not exist in a host app that names its own people: /admin is its 404, even for a name listed", async () => {
    const test = await createTestApp({ config: loadConfig({ RATE_LIMIT: "off", ADMIN_USERNAMES: "host-ada" }) });
    const person = await test.deps.store.users.createEmbedded({
      username: "host-ada",
      displayName: "Ada",
      kind: "external",
      externalId: "host:1",
    });
    const { app } = await createTestApp({ ...test.deps, identify: async () => person, signInUrl: "/sign-in" });
    const client = browser(app);
    expect((await client.get("/admin")).status).toBe(404);
    expect((await client.get("/api/admin/people")).status).toBe(404);
    expect(await (await client.get("/")).text()).not.toContain('href="/admin"');
  });
});
