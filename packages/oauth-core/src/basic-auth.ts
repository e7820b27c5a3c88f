import { formEncode } from "./form.js";

export interface BasicCredentials {
  /** OAuth client_id, sent with HTTP Basic. */
  clientId?: string | undefined;
  /** OAuth client_secret, sent with HTTP Basic. */
  clientSecret?: string | undefined;
}

/**
 * The Authorization header for OAuth client authentication with HTTP Basic, RFC 6749 §2.3.1: client_id and
 * client_secret are each form-urlencoded, joined with ":", and the UTF-8 bytes are base64-encoded. Works for any
 * Unicode text (btoa would throw outside Latin-1).
 */
export function basicAuthHeader(clientId: string, clientSecret: string): string {
  const credentials = `${formEncode(clientId)}:${formEncode(clientSecret)}`;
  return `Basic ${base64(new TextEncoder().encode(credentials))}`;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function base64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const triple = (a << 16) | (b << 8) | c;
    out += ALPHABET[(triple >> 18) & 63];
    out += ALPHABET[(triple >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(triple >> 6) & 63] : "=";
    out += i + 2 < bytes.length ? ALPHABET[triple & 63] : "=";
  }
  return out;
}
