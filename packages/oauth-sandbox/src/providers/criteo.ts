// Criteo Retail Media (POST /oauth2/token): JWT-looking access tokens; client credentials give a null refresh token.
import { randomHex, randomToken } from "../random.js";
import type { Grant } from "../store.js";
import { bearerToken, oauth2Provider } from "./oauth2.js";

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
/** The same for every token: encoded once. */
const JWT_HEADER = part({ alg: "RS256", typ: "JWT", kid: "oauth-sandbox" });

/** Criteo's access tokens are JWTs; the sandbox's look like one (an unsigned-looking fake, never verifiable). */
function fakeJwt(grant: Grant): string {
  const payload = part({ iss: "oauth-sandbox", sub: grant.clientId, jti: randomHex(12) });
  return `${JWT_HEADER}.${payload}.${randomToken(32)}`;
}

export const criteo = oauth2Provider({
  defaultScope: [],
  mintAccess: fakeJwt,
  mintRefresh: () => randomToken(32),
  checksRedirectUri: true,
  // Client credentials: no refresh token, sent as null (the spec's nullable refresh_token).
  successBody({ access, refresh }, _grantType, ctx) {
    const body = bearerToken(ctx, access);
    body.refresh_token = refresh ? refresh.token : null;
    return body;
  },
});
