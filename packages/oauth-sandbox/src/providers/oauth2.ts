// Providers that speak plain RFC 6749 at their token endpoint (Avito, Criteo, and any spec without a module of
// its own): credentials in the form body, errors as {error, error_description}, refresh as the spec's rotation says.
import type { RequestProblem, SpecOperation } from "../spec.js";
import type { Grant, TokenRecord } from "../store.js";
import {
  clientCredentialsGrant,
  declaredStatus,
  findRefreshToken,
  issueTokens,
  type Minted,
  type Refusal,
  redeemCode,
  rotation,
  secondsLeft,
  settleRefreshToken,
  stringParam,
} from "./flows.js";
import type { ParameterNames, ProviderBehaviour, ProviderContext, Reply } from "./types.js";

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "not_found"
  | "method_not_allowed";

/** RFC 6749 §5.2 error body, with the status the spec declares for it. */
export function oauthError(
  op: SpecOperation | undefined,
  preferred: number,
  error: OAuthErrorCode,
  description: string,
): Reply {
  return { status: declaredStatus(op, preferred), body: { error, error_description: description } };
}

/** RFC 6749 wording of a failed spec check; shared by every provider with an OAuth-style error body. */
export function describeProblem(problem: RequestProblem): {
  status: number;
  error: OAuthErrorCode;
  text: string;
} {
  switch (problem.kind) {
    case "not-found":
      return { status: 404, error: "not_found", text: "No such endpoint." };
    case "method-not-allowed":
      return { status: 405, error: "method_not_allowed", text: `Use ${problem.allowed.join(" or ")}.` };
    case "unsupported-media-type":
      return {
        status: 400,
        error: "invalid_request",
        text: `Content-Type must be ${problem.expected.join(" or ") || "absent"}.`,
      };
    case "malformed-body":
      return { status: 400, error: "invalid_request", text: "The request body could not be parsed." };
    case "missing-parameter":
      return { status: 400, error: "invalid_request", text: `Missing required parameter: ${problem.name}.` };
    case "repeated-parameter":
      return { status: 400, error: "invalid_request", text: `Parameter repeated: ${problem.name}.` };
    case "unsupported-value":
      if (problem.name === "grant_type") {
        return {
          status: 400,
          error: "unsupported_grant_type",
          text: `grant_type must be one of: ${problem.allowed.join(", ")}.`,
        };
      }
      return {
        status: 400,
        error: "invalid_request",
        text: `${problem.name} must be one of: ${problem.allowed.join(", ")}.`,
      };
    case "invalid-parameter":
      return {
        status: 400,
        error: "invalid_request",
        text: `Invalid parameter ${problem.name}: ${problem.reason}.`,
      };
    case "missing-credentials":
    case "malformed-credentials":
      return { status: 401, error: "invalid_client", text: "Client authentication failed." };
  }
}

/** RFC 6749 §5.1's required fields of a token answer; providers add the rest. */
export function bearerToken(ctx: ProviderContext, access: TokenRecord): Record<string, unknown> {
  return { access_token: access.token, token_type: "Bearer", expires_in: secondsLeft(ctx, access) };
}

/** RFC 6749's names for the client id; the user has none there, so the sandbox's own. */
export const STANDARD_PARAMETER_NAMES: ParameterNames = { user: "user" };

export interface OAuth2ProviderOptions {
  defaultScope: string[];
  mintAccess: (grant: Grant) => string;
  mintRefresh: (grant: Grant) => string;
  /** whether the code exchange must repeat the authorization request's redirect_uri */
  checksRedirectUri: boolean;
  /** builds the success body from what was issued (fields differ per provider and grant) */
  successBody: (minted: Minted, grantType: string, ctx: ProviderContext) => Record<string, unknown>;
}

export function oauth2Provider(options: OAuth2ProviderOptions): ProviderBehaviour {
  const invalidGrant = (op: SpecOperation, refusal: Refusal) =>
    oauthError(op, 400, "invalid_grant", refusal.description);

  return {
    defaultScope: options.defaultScope,
    parameterNames: STANDARD_PARAMETER_NAMES,
    newCodeReplacesOlder: false,
    problem(problem, op) {
      const { status, error, text } = describeProblem(problem);
      return oauthError(op, status, error, text);
    },
    handle(op, request, ctx) {
      const { params } = request;
      const grantType = stringParam(params, "grant_type") ?? "";
      const clientId = stringParam(params, "client_id") ?? "";
      const auth = ctx.clients.authenticate(
        ctx.provider,
        clientId,
        stringParam(params, "client_secret") ?? "",
      );
      if (!auth.ok) return oauthError(op, 401, "invalid_client", "Client authentication failed.");
      const ok = (minted: Minted): Reply => ({
        status: 200,
        body: options.successBody(minted, grantType, ctx),
      });

      switch (grantType) {
        case "client_credentials": {
          return ok(
            issueTokens(ctx, clientCredentialsGrant(ctx, auth.client, params.scope), options.mintAccess),
          );
        }
        case "authorization_code": {
          const code = stringParam(params, "code");
          if (!code) return oauthError(op, 400, "invalid_request", "Missing required parameter: code.");
          const redirect = options.checksRedirectUri
            ? { check: true as const, redirectUri: stringParam(params, "redirect_uri") }
            : { check: false as const };
          const redeemed = redeemCode(ctx, clientId, code, redirect);
          if (!redeemed.ok) return invalidGrant(op, redeemed);
          return ok(issueTokens(ctx, redeemed.grant, options.mintAccess, options.mintRefresh));
        }
        case "refresh_token": {
          const token = stringParam(params, "refresh_token");
          if (!token)
            return oauthError(op, 400, "invalid_request", "Missing required parameter: refresh_token.");
          const found = findRefreshToken(ctx, clientId, token);
          if (!found.ok) return invalidGrant(op, found);
          const { grant } = found.record;
          settleRefreshToken(ctx, found.record);
          // "fixed": the refresh token stays; otherwise a new one comes with the new access token.
          if (rotation(ctx) === "fixed" && !ctx.strictRotation) {
            return ok({ access: issueTokens(ctx, grant, options.mintAccess).access, refresh: found.record });
          }
          return ok(issueTokens(ctx, grant, options.mintAccess, options.mintRefresh));
        }
        default:
          return oauthError(
            op,
            400,
            "unsupported_grant_type",
            `grant_type ${grantType || "(none)"} is not supported.`,
          );
      }
    },
  };
}
