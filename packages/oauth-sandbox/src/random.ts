// Random text for codes, tokens and ids. The bytes come from one buffer filled by the CSPRNG and refilled when used
// up, so a token costs a slice of it instead of a call into the CSPRNG (as Node's own randomUUID pools its entropy).
// Every byte is handed out once: a refill overwrites only bytes already turned into text.
import { randomFillSync, randomUUID } from "node:crypto";

const POOL_BYTES = 16 * 1024;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let offset = POOL_BYTES;

/** The start of `bytes` fresh random bytes in `pool`, valid until the next call. */
function reserve(bytes: number): number {
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const start = offset;
  offset += bytes;
  return start;
}

function randomText(bytes: number, encoding: "base64url" | "hex"): string {
  if (bytes > POOL_BYTES) return randomFillSync(Buffer.allocUnsafe(bytes)).toString(encoding);
  const start = reserve(bytes);
  return pool.toString(encoding, start, start + bytes);
}

/** URL-safe random text; `bytes` of entropy. */
export function randomToken(bytes: number): string {
  return randomText(bytes, "base64url");
}

export function randomHex(bytes: number): string {
  return randomText(bytes, "hex");
}

export function randomUserId(): string {
  return randomUUID();
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** Bytes at or above this are skipped: 248 = 4 * 62 keeps the choice uniform. */
const ALNUM_LIMIT = 248;

/** Letters and digits only (Avito's tokens look like this). */
export function randomAlnum(length: number): string {
  let out = "";
  while (out.length < length) {
    // Twice the bytes needed: 3% of them are skipped, so one round nearly always suffices.
    const bytes = Math.min(2 * (length - out.length), POOL_BYTES);
    const start = reserve(bytes);
    for (let i = start; i < start + bytes && out.length < length; i++) {
      const byte = pool[i] as number;
      if (byte < ALNUM_LIMIT) out += ALNUM[byte % 62];
    }
  }
  return out;
}
