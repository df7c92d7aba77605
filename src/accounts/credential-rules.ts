/**
 * What usernames and passwords may be. Dependency-free, so the account forms (views) and
 * validation (credentials.ts) share one set of rules.
 */
export const usernameRules = {
  min: 3,
  max: 32,
  pattern: /^[a-z0-9_-]+$/i,
  description: "3–32 characters: letters a–z, digits, _ and -. Not case-sensitive.",
} as const;

/** NIST SP 800-63B: length, no composition rules, refuse the passwords everyone tries first. */
export const passwordRules = {
  min: 8,
  max: 128,
  description: "8–128 characters, anything you like, but not a commonly used password.",
} as const;
