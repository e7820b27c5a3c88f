// Criteo Retail Media (POST /oauth2/token): JWT-looking access tokens.
import { randomHex, randomToken } from "../random.js";
import type { Grant } from "../store.js";
import type { ProviderTraits } from "./spec-driven.js";

/** Room for a payload's JSON: encoded there, no buffer is allocated per token (longer ones get their own). */
const scratch = Buffer.allocUnsafe(1024);

function part(value: object): string {
  const json = JSON.stringify(value);
  if (json.length * 3 > scratch.length) return Buffer.from(json).toString("base64url");
  return scratch.toString("base64url", 0, scratch.write(json));
}
/** The same for every token: encoded once. */
const JWT_HEADER = part({ alg: "RS256", typ: "JWT", kid: "oauth-sandbox" });

/** Criteo's access tokens are JWTs; the sandbox's look like one (an unsigned-looking fake, never verifiable). */
function fakeJwt(grant: Grant): string {
  const payload = part({ iss: "oauth-sandbox", sub: grant.clientId, jti: randomHex(12) });
  return `${JWT_HEADER}.${payload}.${randomToken(32)}`;
}

export const criteo: ProviderTraits = {
  defaultScope: [],
  mintAccess: fakeJwt,
  mintRefresh: () => randomToken(32),
};
