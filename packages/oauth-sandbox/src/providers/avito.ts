// Avito (POST /token): tokens of letters and digits; the scope comes with a code's tokens only.
import { randomAlnum } from "../random.js";
import { bearerToken, oauth2Provider } from "./oauth2.js";

export const avito = oauth2Provider({
  defaultScope: ["messenger:read", "messenger:write"],
  mintAccess: () => randomAlnum(22),
  mintRefresh: () => randomAlnum(38),
  checksRedirectUri: false,
  successBody({ access, refresh }, _grantType, ctx) {
    const body = bearerToken(ctx, access);
    if (refresh) {
      body.refresh_token = refresh.token;
      body.scope = access.grant.scope.join(ctx.scopeSeparator);
    }
    return body;
  },
});
