// Criteo Retail Media (POST /oauth2/token): access tokens live 900 s; refresh tokens rotate.
import { randomBytes } from "node:crypto";
import type { Grant } from "../store.js";
import { secondsLeft } from "./flows.js";
import { oauth2Provider } from "./oauth2.js";

/** Criteo's access tokens are JWTs; the sandbox's look like one (an unsigned-looking fake, never verifiable). */
function fakeJwt(grant: Grant): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const header = part({ alg: "RS256", typ: "JWT", kid: "oauth-sandbox" });
  const payload = part({ iss: "oauth-sandbox", sub: grant.clientId, jti: randomBytes(12).toString("hex") });
  return `${header}.${payload}.${randomBytes(32).toString("base64url")}`;
}

export const criteo = oauth2Provider({
  id: "criteo",
  // Criteo does not publish the refresh token's lifetime; 30 days is the sandbox's choice.
  defaultLifetimes: { code: 600, access: 900, refresh: 30 * 24 * 60 * 60 },
  defaultScope: [],
  scopeSeparator: " ",
  mintAccess: fakeJwt,
  mintRefresh: () => randomBytes(32).toString("base64url"),
  checksRedirectUri: true,
  successBody({ access, refresh }, _grantType, ctx) {
    const body: Record<string, unknown> = {
      access_token: access.token,
      token_type: "Bearer",
      expires_in: secondsLeft(ctx, access),
    };
    // Client credentials: no refresh token, sent as null (the spec's nullable refresh_token).
    body.refresh_token = refresh ? refresh.token : null;
    return body;
  },
});
