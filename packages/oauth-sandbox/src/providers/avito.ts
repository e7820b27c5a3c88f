// Avito (POST /token): access tokens live 24 h; a refresh returns a new access token AND a new refresh token.
import { randomAlnum } from "../store.js";
import { secondsLeft } from "./flows.js";
import { oauth2Provider } from "./oauth2.js";

const DAY = 24 * 60 * 60;

export const avito = oauth2Provider({
  id: "avito",
  // Avito does not publish the refresh token's lifetime; 30 days is the sandbox's choice.
  defaultLifetimes: { code: 600, access: DAY, refresh: 30 * DAY },
  defaultScope: ["messenger:read", "messenger:write"],
  scopeSeparator: ",",
  mintAccess: () => randomAlnum(22),
  mintRefresh: () => randomAlnum(38),
  checksRedirectUri: false,
  successBody({ access, refresh }, _grantType, ctx) {
    const body: Record<string, unknown> = {
      access_token: access.token,
      expires_in: secondsLeft(ctx, access),
      token_type: "Bearer",
    };
    if (refresh) {
      body.refresh_token = refresh.token;
      body.scope = access.grant.scope.join(",");
    }
    return body;
  },
});
