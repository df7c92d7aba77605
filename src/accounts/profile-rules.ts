/**
 * What a profile may hold. Dependency-free, so the settings form (views) and validation
 * (profile-input.ts) share one set of rules.
 */
export const profileRules = {
  displayName: { max: 64, description: "Shown instead of your username; 1–64 characters, one line." },
  bio: { max: 255 },
} as const;
