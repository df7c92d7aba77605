import { describe } from "vitest";
import { auditedSite } from "../support/audited-site.ts";
import { needsChromium } from "../support/browser.ts";

/** The other half of accessibility.test.ts's pages, in a file of its own so the two run side by side. */
describe.skipIf(needsChromium.skip)("every page, for every user (continued)", () => {
  const { audit } = auditedSite();
  const pages: [string, "visitor" | "alice"][] = [
    ["/rooms/general/settings", "alice"],
    ["/rooms/general/members", "alice"],
    ["/u/bob", "alice"],
    ["/admin", "alice"],
    ["/rooms/nowhere", "alice"],
    ["/search", "alice"],
    ["/search?q=row", "alice"],
    ["/search?q=nothing+like+this&room=general", "alice"],
    ["/rooms/general?at=5", "alice"],
    ["/embed/general", "visitor"],
    ["/embed/general?theme=dark&accent=ffcc00", "visitor"],
  ];
  for (const [path, who] of pages) audit(path, who);
});
