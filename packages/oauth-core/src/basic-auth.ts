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
  const bytes = new TextEncoder().encode(`${formEncode(clientId)}:${formEncode(clientSecret)}`);
  // btoa takes one character per byte: the UTF-8 bytes as Latin-1 characters.
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}
