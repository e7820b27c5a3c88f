// Pinterest v5 (POST /oauth/token, HTTP Basic client authentication): errors are {code, message}. Refresh tokens
// are "continuous" (the spec's rotation): every refresh hands out a new one; lifetimes come from the spec.

import { randomToken } from "../random.js";
import type { SpecOperation } from "../spec.js";
import {
  clientCredentialsGrant,
  declaredStatus,
  findRefreshToken,
  issueTokens,
  type Minted,
  narrowScope,
  parseScope,
  redeemCode,
  secondsLeft,
  settleRefreshToken,
  stringParam,
} from "./flows.js";
import { describeProblem, STANDARD_PARAMETER_NAMES } from "./oauth2.js";
import type { ProviderBehaviour, ProviderContext, Reply } from "./types.js";

/** Error codes as Pinterest's spec examples use them. */
export const PINTEREST_ERRORS = {
  invalidParameters: 1,
  authenticationFailed: 2,
} as const;

function error(op: SpecOperation | undefined, preferred: number, code: number, message: string): Reply {
  return { status: declaredStatus(op, preferred), body: { code, message } };
}

const mintAccess = () => `pina_${randomToken(48)}`;
const mintRefresh = () => `pinr_${randomToken(48)}`;

function tokenBody(ctx: ProviderContext, minted: Minted, responseType: string): Record<string, unknown> {
  const { access, refresh } = minted;
  const body: Record<string, unknown> = {
    access_token: access.token,
    token_type: "bearer",
    expires_in: secondsLeft(ctx, access),
    scope: access.grant.scope.join(ctx.scopeSeparator),
    response_type: responseType,
  };
  if (refresh) {
    body.refresh_token = refresh.token;
    body.refresh_token_expires_in = secondsLeft(ctx, refresh);
    // Continuous refresh also says when the new refresh token expires (API 5.23's refresh model).
    if (responseType === "refresh_token") body.refresh_token_expires_at = refresh.expiresAt;
  }
  return body;
}

export const pinterest: ProviderBehaviour = {
  defaultScope: ["boards:read", "pins:read", "user_accounts:read"],
  parameterNames: STANDARD_PARAMETER_NAMES,
  newCodeReplacesOlder: false,
  problem(problem, op) {
    if (problem.kind === "missing-credentials" || problem.kind === "malformed-credentials") {
      return error(op, 401, PINTEREST_ERRORS.authenticationFailed, "Authentication failed.");
    }
    const { status, text } = describeProblem(problem);
    return error(op, status, PINTEREST_ERRORS.invalidParameters, text);
  },
  handle(op, request, ctx) {
    const credentials = request.credentials;
    const clientId = credentials?.scheme === "basic" ? credentials.clientId : "";
    const clientSecret = credentials?.scheme === "basic" ? credentials.clientSecret : "";
    const auth = ctx.clients.authenticate(ctx.provider, clientId, clientSecret);
    if (!auth.ok) return error(op, 401, PINTEREST_ERRORS.authenticationFailed, "Authentication failed.");
    const { params } = request;
    const refused = (description: string) => error(op, 400, PINTEREST_ERRORS.invalidParameters, description);
    const grantType = stringParam(params, "grant_type");
    switch (grantType) {
      case "authorization_code": {
        const redeemed = redeemCode(ctx, clientId, stringParam(params, "code") ?? "", {
          check: true,
          redirectUri: stringParam(params, "redirect_uri"),
        });
        if (!redeemed.ok) return refused(redeemed.description);
        const minted = issueTokens(ctx, redeemed.grant, mintAccess, mintRefresh);
        return { status: 200, body: tokenBody(ctx, minted, "authorization_code") };
      }
      case "refresh_token": {
        const found = findRefreshToken(ctx, clientId, stringParam(params, "refresh_token") ?? "");
        if (!found.ok) return refused(found.description);
        const narrowed = narrowScope(found.record.grant, parseScope(params.scope));
        if (!narrowed.ok) return refused(narrowed.description);
        // Continuous refresh: a new refresh token with every refresh; the old one stays valid.
        settleRefreshToken(ctx, found.record);
        const minted = issueTokens(ctx, narrowed.grant, mintAccess, mintRefresh);
        return { status: 200, body: tokenBody(ctx, minted, "refresh_token") };
      }
      case "client_credentials": {
        const grant = clientCredentialsGrant(ctx, auth.client, params.scope);
        return {
          status: 200,
          body: tokenBody(ctx, issueTokens(ctx, grant, mintAccess), "client_credentials"),
        };
      }
      default:
        return refused(`grant_type ${grantType ?? "(none)"} is not supported.`);
    }
  },
};
