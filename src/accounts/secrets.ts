/** Random bearer secrets and their stored form (Web Crypto: the same on every runtime). */
export function randomToken(bytes = 32): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes));
  return Buffer.from(data).toString("base64url");
}

/** Tables keep only this digest, so a copy of the database holds no usable session or token. */
export async function digest(token: string): Promise<string> {
  const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return Buffer.from(hash).toString("hex");
}
