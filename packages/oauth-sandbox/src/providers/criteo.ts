// Criteo Retail Media (POST /oauth2/token): JWT-looking access tokens; client credentials give a null refresh token.
import { randomBytes } from "node:crypto";
import type { Grant } from "../store.js";
import { bearerToken, oauth2Provider } from "./oauth2.js";

/** Criteo's access tokens are JWTs; the sandbox's look like one (an unsigned-looking fake, never verifiable). */
function fakeJwt(grant: Grant): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const header = part({ alg: "RS256", typ: "JWT", kid: "oauth-sandbox" });
  const payload = part({ iss: "oauth-sandbox", sub: grant.clientId, jti: randomBytes(12).toString("hex") });
  return `${header}.${payload}.${randomBytes(32).toString("base64url")}`;
}

export const criteo = oauth2Provider({
  defaultScope: [],
  mintAccess: fakeJwt,
  mintRefresh: () => randomBytes(32).toString("base64url"),
  checksRedirectUri: true,
  // Client credentials: no refresh token, sent as null (the spec's nullable refresh_token).
  successBody: ({ access, refresh }, _grantType, ctx) => ({
    ...bearerToken(ctx, access),
    refresh_token: refresh ? refresh.token : null,
  }),
});
