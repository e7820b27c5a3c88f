// Which behaviour serves a spec: the module named after its provider, or plain RFC 6749 for any other spec, so a
// new RFC 6749 spec in the specs folder is served with no code here.
import { randomToken } from "../random.js";
import { avito } from "./avito.js";
import { criteo } from "./criteo.js";
import { douyin } from "./douyin.js";
import { bearerToken, oauth2Provider } from "./oauth2.js";
import { pinterest } from "./pinterest.js";
import type { Lifetimes, ProviderBehaviour } from "./types.js";

/** Providers whose answers no spec can fully describe (error shapes, token looks, Douyin's envelope). */
const DEDICATED: Readonly<Record<string, ProviderBehaviour>> = { douyin, avito, pinterest, criteo };

/** RFC 6749 §5.1 as it stands: the token, its type and lifetime, the refresh token and scope when there are. */
export const rfc6749 = oauth2Provider({
  defaultScope: [],
  mintAccess: () => randomToken(32),
  mintRefresh: () => randomToken(32),
  checksRedirectUri: true,
  successBody({ access, refresh }, _grantType, ctx) {
    const body = bearerToken(ctx, access);
    if (refresh) body.refresh_token = refresh.token;
    if (access.grant.scope.length > 0) body.scope = access.grant.scope.join(ctx.scopeSeparator);
    return body;
  },
});

export function behaviourFor(provider: string): ProviderBehaviour {
  return DEDICATED[provider] ?? rfc6749;
}

const DAY = 24 * 60 * 60;

/**
 * The sandbox's lifetimes for a spec's token facts. Where the provider publishes none: an access token lives an
 * hour and a refresh token 30 days (the sandbox's choice); codes live 10 minutes (RFC 6749 §4.1.2's maximum).
 */
export function defaultLifetimes(tokens: {
  accessTokenLifetime?: number;
  refreshTokenLifetime?: number;
}): Lifetimes {
  return {
    code: 600,
    access: tokens.accessTokenLifetime ?? 3600,
    refresh: tokens.refreshTokenLifetime ?? 30 * DAY,
  };
}
