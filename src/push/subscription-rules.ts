/**
 * What a browser's push subscription must be (PushSubscription.toJSON()): an https: endpoint of
 * its push service, its P-256 public key (65 bytes, uncompressed) and a 16-byte auth secret,
 * both base64url. Dependency-free, so the settings view can say the same.
 */
export const subscriptionRules = {
  maxEndpoint: 2048,
  publicKeyBytes: 65,
  authBytes: 16,
  refused: "That is not a push subscription this browser could have made.",
} as const;
