// PKCE (RFC 7636) with the S256 method, through WebCrypto: runs wherever `crypto.subtle` does (Node, Deno, Bun,
// workers, browsers).

/** A fresh code verifier (43 characters of base64url, 32 random bytes) and its S256 challenge. */
export async function pkceChallenge(): Promise<{ codeVerifier: string; codeChallenge: string }> {
  const codeVerifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  return { codeVerifier, codeChallenge: await s256(codeVerifier) };
}

/** BASE64URL(SHA256(ASCII(verifier))), RFC 7636 §4.2. */
export async function s256(codeVerifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(codeVerifier));
  return base64url(new Uint8Array(digest));
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
