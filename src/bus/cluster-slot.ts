/** How many hash slots a Redis Cluster divides its keys (and sharded channels) among. */
export const clusterSlots = 16384;

const bytes = new TextEncoder();

/** CRC16-CCITT (XMODEM), the checksum Redis Cluster hashes keys with. */
function crc16(data: Uint8Array): number {
  let crc = 0;
  for (const byte of data) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/**
 * The slot of a key or sharded channel, as CLUSTER KEYSLOT gives it: only a non-empty `{tag}`
 * counts when there is one, so keys that share a tag share a slot. The sharded subscriber routes
 * each room's SSUBSCRIBE to the node that owns this slot.
 */
export function slotOf(key: string): number {
  const data = bytes.encode(key);
  const open = data.indexOf(0x7b); // {
  if (open !== -1) {
    const close = data.indexOf(0x7d, open + 1); // }
    if (close > open + 1) return crc16(data.subarray(open + 1, close)) % clusterSlots;
  }
  return crc16(data) % clusterSlots;
}
