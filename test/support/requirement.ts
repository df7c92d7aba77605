/**
 * Whether a test's outside need (Redis, PostgreSQL, Chromium, Deno) is met here. On a developer's
 * machine a missing one skips its tests, loudly; on CI (CI=true) it fails the run instead, so a
 * broken CI image cannot pass by skipping.
 */
export function requirement(available: boolean, what: string): { skip: boolean } {
  if (available) return { skip: false };
  if (process.env.CI === "true") throw new Error(`${what} is needed on CI (CI=true) but is not available`);
  console.warn(`\n⚠ SKIPPED: ${what} is not available; the tests that need it did not run.\n`);
  return { skip: true };
}
