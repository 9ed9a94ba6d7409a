import { randomBytes } from 'node:crypto';

let lastMs = 0;
let seq = 0;
let pool = Buffer.alloc(0);
let poolAt = 0;

function random8(): Buffer {
  if (poolAt + 8 > pool.length) {
    pool = randomBytes(8 * 512);
    poolAt = 0;
  }
  const out = pool.subarray(poolAt, poolAt + 8);
  poolAt += 8;
  return out;
}

/**
 * Time-ordered ids in the UUID v7 layout (RFC 9562): 48 bits of milliseconds, a 12-bit
 * counter that keeps ids made in the same millisecond in order, 62 random bits. Ordered ids
 * keep B-tree inserts at the right edge and let "oldest first" be `ORDER BY id`.
 */
export function newId(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    seq += 1;
    if (seq > 0xfff) {
      lastMs += 1;
      seq = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    seq = 0;
  }
  const t = ms.toString(16).padStart(12, '0');
  const r = random8();
  r[0] = (r[0]! & 0x3f) | 0x80;
  const h = r.toString('hex');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${seq.toString(16).padStart(3, '0')}-${h.slice(0, 4)}-${h.slice(4, 16)}`;
}
