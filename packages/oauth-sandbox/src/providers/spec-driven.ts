// A token endpoint served as its spec says: client authentication from its security, the grant and every field by
// its role (RFC 6749's name, or the field's x-sdk-role), and answers built from the declared schemas: the success
// status and its field names, enums and nullable fields; errors in the declared error shape and status.
import { createHash } from "node:crypto";
import {
  asType,
  type FieldRole,
  type Fill,
  type GrantKind,
  grantOfValue,
  type Known,
  responseFor,
  type Schema,
  sampleValue,
  schemaRef,
  typeOf,
} from "@x/spec-model";
import { authenticateClient, roleName, roleValue } from "../client-auth.js";
import type { SandboxClient } from "../clients.js";
import type { CheckedRequest } from "../request.js";
import type { RequestProblem, SpecOperation } from "../spec.js";
import type { Grant, TokenRecord } from "../store.js";
import {
  clientCredentialsGrant,
  declaredStatus,
  findRefreshToken,
  issueTokens,
  type Minted,
  narrowScope,
  parseScope,
  redeemCode,
  rotation,
  secondsLeft,
  settleRefreshToken,
} from "./flows.js";
import type { ProviderBehaviour, ProviderContext, Reply } from "./types.js";

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "not_found"
  | "method_not_allowed";

/** What no spec can say of a provider: what its tokens look like, its usual scopes, its own error codes. */
export interface ProviderTraits {
  /** scope granted when a code is issued without one */
  defaultScope: string[];
  mintAccess: (grant: Grant) => string;
  mintRefresh: (grant: Grant) => string;
  /** the provider's error body, where its codes are its own (default: built from the declared error schema) */
  errorBody?: (error: OAuthErrorCode, description: string) => unknown;
}

/** A token endpoint that follows its spec, with the provider's traits. */
export function specDrivenProvider(traits: ProviderTraits): ProviderBehaviour {
  return {
    defaultScope: traits.defaultScope,
    parameterNames: { user: "user" },
    newCodeReplacesOlder: false,
    problem(problem, op) {
      const { status, error, text } = describeProblem(problem);
      return errorReply(op, status, error, text, traits);
    },
    handle(op, request, ctx) {
      const refuse = (status: number, error: OAuthErrorCode, text: string) =>
        errorReply(op, status, error, text, traits);
      const auth = authenticateClient(op, request, ctx.clients, ctx.provider);
      if (!auth.ok) return refuse(401, "invalid_client", `client authentication failed: ${auth.reason}`);
      const grantValue = roleValue(op, request.params, "grant_type") ?? impliedGrant(op, request.params);
      const kind = grantOfValue(grantValue);
      if (kind === undefined) {
        const text = `${roleName(op, "grant_type")} ${grantValue || "(none)"} is not a grant the sandbox emulates.`;
        return refuse(400, "unsupported_grant_type", text);
      }
      // Only a code or a refresh token carries its client; every other grant is issued to the client that asks.
      const client = auth.client;
      if (!client && kind !== "authorization_code" && kind !== "refresh_token")
        return refuse(401, "invalid_client", "client authentication failed: the request names no client");
      const field = (role: FieldRole) => roleValue(op, request.params, role);
      const missing = (...roles: FieldRole[]) => {
        const names = roles.map((role) => roleName(op, role)).join(" and ");
        return refuse(400, "invalid_request", `Missing required parameter: ${names}.`);
      };
      const grant: GrantCall = {
        op,
        ctx,
        traits,
        client,
        field,
        missing,
        refuse,
        answer: (minted) => successReply(op, request, ctx, minted, grantValue, traits),
      };
      return GRANTS[kind](grant);
    },
  };
}

/** What serving one grant needs: the request's fields by role, its client, and the ways to answer. */
interface GrantCall {
  op: SpecOperation;
  ctx: ProviderContext;
  traits: ProviderTraits;
  /** the authenticated client; undefined only for a code or a refresh token, which carry theirs */
  client: SandboxClient | undefined;
  field(role: FieldRole): string | undefined;
  missing(...roles: FieldRole[]): Reply;
  refuse(status: number, error: OAuthErrorCode, text: string): Reply;
  answer(minted: Minted): Reply;
}

const GRANTS: Readonly<Record<GrantKind, (call: GrantCall) => Reply>> = {
  client_credentials({ ctx, traits, client, field, answer }) {
    return answer(
      issueTokens(ctx, clientCredentialsGrant(ctx, own(client), field("scope")), traits.mintAccess),
    );
  },

  authorization_code({ op, ctx, traits, client, field, missing, refuse, answer }) {
    const code = field("code");
    if (!code) return missing("code");
    // RFC 6749 §4.1.3's redirect_uri check, where the spec lets the request repeat it (Avito's does not).
    const redirect = hasRole(op, "redirect_uri")
      ? { check: true as const, redirectUri: field("redirect_uri") }
      : { check: false as const };
    const redeemed = redeemCode(ctx, client?.clientId, code, redirect);
    if (!redeemed.ok) return refuse(400, "invalid_grant", redeemed.description);
    return answer(issueTokens(ctx, redeemed.grant, traits.mintAccess, traits.mintRefresh));
  },

  refresh_token({ ctx, traits, client, field, missing, refuse, answer }) {
    const token = field("refresh_token");
    if (!token) return missing("refresh_token");
    const found = findRefreshToken(ctx, client?.clientId, token);
    if (!found.ok) return refuse(400, "invalid_grant", found.description);
    // RFC 6749 §6: a refresh may ask for less than was granted, never more.
    const narrowed = narrowScope(found.record.grant, parseScope(field("scope")));
    if (!narrowed.ok) return refuse(400, "invalid_scope", narrowed.description);
    settleRefreshToken(ctx, found.record);
    // "fixed": the refresh token stays; otherwise a new one comes with the new access token.
    if (rotation(ctx) === "fixed" && !ctx.strictRotation) {
      return answer({
        access: issueTokens(ctx, narrowed.grant, traits.mintAccess).access,
        refresh: found.record,
      });
    }
    return answer(issueTokens(ctx, narrowed.grant, traits.mintAccess, traits.mintRefresh));
  },

  password({ ctx, traits, client, field, missing, answer }) {
    // RFC 6749 §4.3: the sandbox has no user directory; any user name with a password is that user.
    const user = field("username");
    if (!user || !field("password")) return missing("username", "password");
    const grant = { ...clientCredentialsGrant(ctx, own(client), field("scope")), userId: user };
    return answer(issueTokens(ctx, grant, traits.mintAccess, traits.mintRefresh));
  },

  jwt_bearer({ ctx, traits, client, field, missing, answer }) {
    // RFC 7523 §2.1: the sandbox cannot verify the assertion's signature; any assertion stands for the client.
    if (!field("assertion")) return missing("assertion");
    return answer(
      issueTokens(ctx, clientCredentialsGrant(ctx, own(client), field("scope")), traits.mintAccess),
    );
  },

  token_exchange({ op, ctx, traits, client, field, missing, refuse, answer }) {
    // RFC 8693: an access token the sandbox issued is exchanged for a new one of its grant; a subject of another
    // type (a vendor's user token) stands for that user of the client.
    const subject = field("subject_token");
    if (!subject) return missing("subject_token");
    const requested = parseScope(field("scope"));
    const type = field("subject_token_type");
    if (type !== undefined && type !== ACCESS_TOKEN_TYPE) {
      // The user is named by a digest of the subject: a token is a credential, never shown again.
      const user = `subject-${createHash("sha256").update(subject).digest("hex").slice(0, 16)}`;
      const grant = { ...clientCredentialsGrant(ctx, own(client), undefined), userId: user };
      return answer(issueTokens(ctx, { ...grant, scope: requested ?? grant.scope }, traits.mintAccess));
    }
    const found = ctx.store.findToken(ctx.provider, "access", subject);
    if (!found.ok) {
      return refuse(
        400,
        "invalid_grant",
        `${roleName(op, "subject_token")} is not a live access token here.`,
      );
    }
    const { grant } = found.record;
    const exchanged =
      grant.scope.length === 0
        ? { ok: true as const, grant: { ...grant, scope: requested ?? [] } }
        : narrowScope(grant, requested);
    if (!exchanged.ok) return refuse(400, "invalid_scope", exchanged.description);
    return answer(issueTokens(ctx, exchanged.grant, traits.mintAccess));
  },
};

/** The client of a grant issued to the client that asks (`handle` has refused a request that names none). */
function own(client: SandboxClient | undefined): SandboxClient {
  if (!client) throw new Error("a grant issued to its client was served without one");
  return client;
}

const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

function hasRole(op: SpecOperation, role: FieldRole): boolean {
  return [...op.roles.values()].includes(role);
}

/** Without a grant_type field, the fields sent say which grant it is. */
function impliedGrant(op: SpecOperation, params: Record<string, unknown>): string {
  if (roleValue(op, params, "code") !== undefined) return "authorization_code";
  if (roleValue(op, params, "refresh_token") !== undefined) return "refresh_token";
  return hasRole(op, "grant_type") ? "" : "client_credentials";
}

/** The schema a success answer follows: the picked x-sdk-methods entry's model, else the operation's. */
function successSchema(
  op: SpecOperation,
  ctx: ProviderContext,
  params: Record<string, unknown>,
): Schema | undefined {
  const method = ctx.spec.methodFor(op, params);
  if (method?.response) return { $ref: schemaRef(method.response) };
  if (op.model.successSchema) return { $ref: schemaRef(op.model.successSchema) };
  return op.model.success.body?.schema;
}

function successReply(
  op: SpecOperation,
  request: CheckedRequest,
  ctx: ProviderContext,
  minted: Minted,
  grantValue: string,
  traits: ProviderTraits,
): Reply {
  // A "2XX" success answers 200.
  const status = Number(op.model.success.status.replace(/XX$/i, "00"));
  const schema = successSchema(op, ctx, request.params);
  if (!schema) return { status, body: undefined };
  const place = op.model.success.body?.place ?? op.pointer;
  const fill = tokenFill(op, ctx, minted, grantValue, traits);
  return { status, body: sampleValue(op.document, schema, place, fill) };
}

type TokenField =
  | "accessToken"
  | "tokenType"
  | "expiresIn"
  | "expiresAt"
  | "refreshToken"
  | "refreshTokenExpiresIn"
  | "refreshTokenExpiresAt"
  | "issuedTokenType"
  | "scope";

/** A token answer's fields by name, case, `_` and `-` ignored (RFC 6749 §5.1 and the usual extras). */
const TOKEN_FIELDS: Readonly<Record<string, TokenField>> = {
  accesstoken: "accessToken",
  tokentype: "tokenType",
  expiresin: "expiresIn",
  expiresat: "expiresAt",
  refreshtoken: "refreshToken",
  refreshtokenexpiresin: "refreshTokenExpiresIn",
  refreshtokenexpiresat: "refreshTokenExpiresAt",
  issuedtokentype: "issuedTokenType",
  scope: "scope",
  scopes: "scope",
};

function tokenFill(
  op: SpecOperation,
  ctx: ProviderContext,
  minted: Minted,
  grantValue: string,
  traits: ProviderTraits,
): Fill {
  // x-sdk-token's dotted paths first; a field it does not list is known by its name.
  const byPath = new Map<string, TokenField>();
  for (const [field, path] of Object.entries(op.model.token?.fields ?? {})) {
    if (typeof path === "string" && TOKEN_PATH_KEYS.has(field)) byPath.set(path, field as TokenField);
  }
  let refresh = minted.refresh;
  // A schema that requires a refresh token where the grant gives none (client credentials) gets one.
  const mintRefresh = () => {
    const { access } = minted;
    const token = traits.mintRefresh(access.grant);
    refresh ??= ctx.store.issueToken("refresh", token, access.grant, ctx.lifetimes.refresh, access.token);
    access.pair = refresh.token;
    return refresh.token;
  };
  return (path, schema): Known => {
    const name = path[path.length - 1] ?? "";
    const field = byPath.get(path.join(".")) ?? TOKEN_FIELDS[name.toLowerCase().replace(/[_-]/g, "")];
    switch (field) {
      case "accessToken":
        return { value: minted.access.token };
      case "tokenType":
        return { value: tokenType(schema) };
      case "expiresIn":
        return { value: asType(schema, secondsLeft(ctx, minted.access)) };
      case "expiresAt":
        return { value: instant(schema, minted.access) };
      case "refreshToken":
        return refresh ? { value: refresh.token } : { fallback: mintRefresh };
      case "refreshTokenExpiresIn":
        return refresh ? { value: asType(schema, secondsLeft(ctx, refresh)) } : "none";
      case "refreshTokenExpiresAt":
        return refresh ? { value: instant(schema, refresh) } : "none";
      case "scope": {
        const scope = minted.access.grant.scope;
        if (typeOf(schema) === "array")
          return scope.length > 0 ? { value: [...scope] } : { fallback: () => [] };
        const text = scope.join(ctx.scopeSeparator);
        return text ? { value: text } : { fallback: () => text };
      }
      case "issuedTokenType":
        // RFC 8693 §2.2.1: an exchange says what it issued.
        return grantValue === TOKEN_EXCHANGE ? { value: ACCESS_TOKEN_TYPE } : "none";
      default:
        // A field whose enum names the grant says which grant answered (Pinterest's response_type).
        return schema.enum?.includes(grantValue) ? { value: grantValue } : undefined;
    }
  };
}

/** The x-sdk-token keys that name a field of the answer (TokenFieldPaths). */
const TOKEN_PATH_KEYS: ReadonlySet<string> = new Set([
  "accessToken",
  "tokenType",
  "expiresIn",
  "refreshToken",
  "refreshTokenExpiresIn",
  "refreshTokenExpiresAt",
  "scope",
]);

/** RFC 6750's "Bearer", spelled as the spec's enum, const or default spells it. */
function tokenType(schema: Schema): unknown {
  if (schema.const !== undefined) return schema.const;
  const spelled = schema.enum?.find((value) => typeof value === "string" && value.toLowerCase() === "bearer");
  if (spelled !== undefined) return spelled;
  if (schema.enum?.[0] !== undefined) return schema.enum[0];
  return schema.default ?? "Bearer";
}

/** An expiry as the schema has it: epoch seconds, or an ISO 8601 string (what "at" means in text). */
function instant(schema: Schema, record: TokenRecord): unknown {
  return typeOf(schema) === "string" ? new Date(record.expiresAt * 1000).toISOString() : record.expiresAt;
}

/** An error in the shape the spec declares for its status (RFC 6749 §5.2 field names when it declares none). */
export function errorReply(
  op: SpecOperation | undefined,
  preferred: number,
  error: OAuthErrorCode,
  description: string,
  traits: Pick<ProviderTraits, "errorBody"> = {},
): Reply {
  const status = declaredStatus(op, preferred);
  if (traits.errorBody) return { status, body: traits.errorBody(error, description) };
  const response = op ? responseFor(op.model, status) : undefined;
  const schema = response?.body?.schema;
  if (!op || !response || !schema) return { status, body: { error, error_description: description } };
  // x-sdk-error's paths first; other fields are known by name.
  const paths = new Map<string, ErrorRole>();
  if (response.errorFields?.code) paths.set(response.errorFields.code, "code");
  if (response.errorFields?.message) paths.set(response.errorFields.message, "message");
  const fill: Fill = (path, field) => {
    const role = paths.get(path.join(".")) ?? errorRole(path, field);
    if (role === "message") return { value: description };
    if (role === "status") return { value: asType(field, status) };
    if (role !== "code") return undefined;
    if (field.enum) return { value: field.enum.includes(error) ? error : field.enum[0] };
    const type = typeOf(field);
    return { value: type === "integer" || type === "number" ? status : error };
  };
  return { status, body: sampleValue(op.document, schema, `${response.body?.place}/schema`, fill) };
}

type ErrorRole = "code" | "message" | "status";

/** An error body's fields by name, case, `_` and `-` ignored: RFC 6749 §5.2's, RFC 7807's, and vendors'. */
const ERROR_FIELDS: Readonly<Record<string, ErrorRole>> = {
  error: "code",
  code: "code",
  errorcode: "code",
  errorname: "code",
  type: "code",
  title: "code",
  errordescription: "message",
  message: "message",
  description: "message",
  errormsg: "message",
  errormessage: "message",
  detail: "message",
  msg: "message",
  status: "status",
  statuscode: "status",
};

function errorRole(path: readonly string[], schema: Schema): ErrorRole | undefined {
  const type = typeOf(schema);
  if (type === "object" || type === "array") return undefined;
  return ERROR_FIELDS[(path[path.length - 1] ?? "").toLowerCase().replace(/[_-]/g, "")];
}

/** RFC 6749 wording of a failed spec check. */
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
    case "undeclared-parameter":
      return {
        status: 400,
        error: "invalid_request",
        text: `${problem.name} is not a parameter this spec declares for the request.`,
      };
    case "unsupported-value":
      return {
        status: 400,
        error: problem.name === "grant_type" ? "unsupported_grant_type" : "invalid_request",
        text: `${problem.name} must be one of: ${problem.allowed.join(", ")}.`,
      };
    case "invalid-parameter":
      return {
        status: 400,
        error: "invalid_request",
        text: `Invalid parameter ${problem.name}: ${problem.reason}.`,
      };
    case "client-authentication":
      return {
        status: 401,
        error: "invalid_client",
        text: `client authentication failed: ${problem.reason}`,
      };
  }
}
