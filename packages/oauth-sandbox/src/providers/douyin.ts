// Douyin / Toutiao (GET /oauth/access_token/, GET /oauth/refresh_token/): every answer is HTTP 200; an error is
// a non-zero data.error_code. A refresh keeps the refresh token (and its expiry: the spec's "fixed" rotation) and,
// while the access token is still valid, keeps that token and extends it; lifetimes come from the spec.
import { createHash } from "node:crypto";
import { randomHex } from "../random.js";
import type { RequestProblem, SpecOperation } from "../spec.js";
import type { TokenRecord } from "../store.js";
import {
  findRefreshToken,
  issueTokens,
  type Refusal,
  redeemCode,
  secondsLeft,
  settleRefreshToken,
  stringParam,
} from "./flows.js";
import type { ProviderBehaviour, ProviderContext, Reply } from "./types.js";

/** Error codes from Douyin's documentation (see the package README for the sources). */
export const DOUYIN_ERRORS = {
  missingParameter: { code: 10005, text: "Missing parameter" },
  parameterError: { code: 2100005, text: "Parameter error" },
  clientKeyUnknown: { code: 10003, text: "client_key does not exist" },
  clientSecretWrong: { code: 10013, text: "client_key or client_secret is wrong" },
  invalidParameter: { code: 28001007, text: "Invalid parameter" },
  refreshTokenExpired: { code: 10010, text: "refresh_token expired" },
} as const;

type DouyinError = (typeof DOUYIN_ERRORS)[keyof typeof DOUYIN_ERRORS];

function error(ctx: ProviderContext, kind: DouyinError, detail?: string, status = 200): Reply {
  const description = detail ? `${kind.text}: ${detail}` : kind.text;
  // As the platform does: no `message`, and request metadata in `extra`.
  return {
    status,
    body: { data: { error_code: kind.code, description }, extra: { logid: logId(), now: ctx.clock.now() } },
  };
}

function logId(): string {
  return randomHex(16).toUpperCase();
}

function problemReply(ctx: ProviderContext, problem: RequestProblem): Reply {
  switch (problem.kind) {
    case "not-found":
      return error(ctx, DOUYIN_ERRORS.parameterError, "no such endpoint", 404);
    case "missing-parameter":
      return error(ctx, DOUYIN_ERRORS.missingParameter, problem.name);
    case "method-not-allowed":
      return error(ctx, DOUYIN_ERRORS.parameterError, `use ${problem.allowed.join(" or ")}`);
    case "unsupported-value":
      return error(
        ctx,
        DOUYIN_ERRORS.parameterError,
        `${problem.name} must be ${problem.allowed.join(" or ")}`,
      );
    case "invalid-parameter":
      return error(ctx, DOUYIN_ERRORS.parameterError, `${problem.name} ${problem.reason}`);
    case "repeated-parameter":
      return error(ctx, DOUYIN_ERRORS.parameterError, `${problem.name} is repeated`);
    default:
      return error(ctx, DOUYIN_ERRORS.parameterError);
  }
}

function codeRefused(ctx: ProviderContext, refusal: Refusal): Reply {
  return error(ctx, DOUYIN_ERRORS.invalidParameter, refusal.description);
}

function authenticate(ctx: ProviderContext, clientKey: string, clientSecret?: string): Reply | undefined {
  if (clientSecret === undefined) {
    return ctx.clients.get(ctx.provider, clientKey) ? undefined : error(ctx, DOUYIN_ERRORS.clientKeyUnknown);
  }
  const auth = ctx.clients.authenticate(ctx.provider, clientKey, clientSecret);
  if (auth.ok) return undefined;
  return error(
    ctx,
    auth.reason === "unknown-client" ? DOUYIN_ERRORS.clientKeyUnknown : DOUYIN_ERRORS.clientSecretWrong,
  );
}

function accessToken(ctx: ProviderContext, params: Record<string, unknown>): Reply {
  const clientKey = stringParam(params, "client_key") ?? "";
  const refused = authenticate(ctx, clientKey, stringParam(params, "client_secret") ?? "");
  if (refused) return refused;
  const redeemed = redeemCode(ctx, clientKey, stringParam(params, "code") ?? "", { check: false });
  if (!redeemed.ok) return codeRefused(ctx, redeemed);
  const { access, refresh } = issueTokens(
    ctx,
    redeemed.grant,
    () => `act.${randomHex(32)}`,
    () => `rft.${randomHex(32)}`,
  );
  if (!refresh) throw new Error("a Douyin code exchange always issues a refresh token");
  const data = tokenData(ctx, access, refresh.token);
  // unionid: present if and only if the user granted user_info.
  if (access.grant.scope.includes("user_info")) data.unionid = unionId(ctx, access.grant.userId);
  return success(data);
}

/** The same user has the same unionid across the sandbox's clients, as on the platform. */
function unionId(ctx: ProviderContext, userId: string): string {
  return createHash("sha256").update(`${ctx.provider}:${userId}`).digest("hex").slice(0, 32);
}

function refreshToken(ctx: ProviderContext, params: Record<string, unknown>): Reply {
  const clientKey = stringParam(params, "client_key") ?? "";
  const refused = authenticate(ctx, clientKey);
  if (refused) return refused;
  const found = findRefreshToken(ctx, clientKey, stringParam(params, "refresh_token") ?? "");
  if (!found.ok) return error(ctx, DOUYIN_ERRORS.refreshTokenExpired, found.description);
  const refresh = strictlyRotated(ctx, found.record);
  const now = ctx.clock.nowSeconds();
  const current = refresh.pair ? ctx.store.findToken(ctx.provider, "access", refresh.pair) : undefined;
  let access = current?.ok ? current.record : undefined;
  if (access) {
    // Still valid: Douyin keeps the token and only extends its expiry.
    access.expiresAt = now + ctx.lifetimes.access;
    access.pair = refresh.token;
  } else {
    access = ctx.store.issueToken(
      "access",
      `act.${randomHex(32)}`,
      refresh.grant,
      ctx.lifetimes.access,
      refresh.token,
    );
    refresh.pair = access.token;
  }
  return success(tokenData(ctx, access, refresh.token));
}

/**
 * Douyin keeps the refresh token on refresh. Under strict rotation the sandbox replaces it with a new one that
 * ends when the old one would have (its 30 days still count from the code) and spends the old one.
 */
function strictlyRotated(ctx: ProviderContext, refresh: TokenRecord): TokenRecord {
  if (!ctx.strictRotation) return refresh;
  settleRefreshToken(ctx, refresh);
  const left = refresh.expiresAt - ctx.clock.nowSeconds();
  return ctx.store.issueToken("refresh", `rft.${randomHex(32)}`, refresh.grant, left, refresh.pair);
}

/** The `data` of a token answer, alike for a code exchange and a refresh. */
function tokenData(ctx: ProviderContext, access: TokenRecord, refreshToken: string): Record<string, unknown> {
  return {
    access_token: access.token,
    description: "",
    error_code: 0,
    expires_in: secondsLeft(ctx, access),
    open_id: access.grant.userId,
    refresh_token: refreshToken,
    scope: access.grant.scope.join(ctx.scopeSeparator),
  };
}

function success(data: Record<string, unknown>): Reply {
  return { status: 200, body: { data, message: "success" } };
}

const HANDLERS: Record<string, (ctx: ProviderContext, params: Record<string, unknown>) => Reply> = {
  "/oauth/access_token/": accessToken,
  "/oauth/refresh_token/": refreshToken,
};

export const douyin: ProviderBehaviour = {
  defaultScope: ["user_info"],
  parameterNames: { user: "open_id" },
  newCodeReplacesOlder: true,
  problem: (problem, _op, ctx) => problemReply(ctx, problem),
  handle(op: SpecOperation, request, ctx) {
    const handler = HANDLERS[op.path];
    if (!handler) return error(ctx, DOUYIN_ERRORS.parameterError, `${op.operationId} is not emulated`, 501);
    return handler(ctx, request.params);
  },
};
