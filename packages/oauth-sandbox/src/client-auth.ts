// Client authentication as the spec declares it: each security alternative of the operation (HTTP Basic per
// RFC 6749 §2.3.1, an API key in a header, query or cookie, or none: the client identifies itself in the body, a
// secret there if it sends one), with the refusal worded in the spec's terms.
import type { FieldRole } from "@x/spec-model";
import type { SandboxClient } from "./clients.js";
import type { ClientRegistry } from "./registry.js";
import type { CheckedRequest } from "./request.js";
import { decodeBasic } from "./request.js";
import type { ProviderId, SecurityScheme, SpecOperation } from "./spec.js";

/** The client a request authenticated as; undefined when the spec gives it no way to say (any client then). */
export type ClientAuthentication =
  | { ok: true; client: SandboxClient | undefined }
  | { ok: false; reason: string };

interface Attempt {
  /** whether the request presented this alternative's credentials (a Basic header, the API key, a body secret) */
  presented: boolean;
  result: ClientAuthentication;
}

/** The value of the field holding `role`, when the request sent one. */
export function roleValue(
  op: SpecOperation,
  params: Record<string, unknown>,
  role: FieldRole,
): string | undefined {
  for (const [name, held] of op.roles) {
    if (held !== role) continue;
    const value = params[name];
    if (value !== undefined && value !== null && value !== "") return String(value);
  }
  return undefined;
}

/** The name the spec gives a role's field (RFC 6749's name when it has none). */
export function roleName(op: SpecOperation, role: FieldRole): string {
  for (const [name, held] of op.roles) if (held === role) return name;
  return role;
}

export function authenticateClient(
  op: SpecOperation,
  request: CheckedRequest,
  clients: ClientRegistry,
  provider: ProviderId,
): ClientAuthentication {
  const attempts = op.security.map((alternative) => attempt(op, alternative, request, clients, provider));
  // Credentials the request presented are judged by the alternative that takes them, never passed over.
  const presented = attempts.filter((a) => a.presented);
  const judged = presented.length > 0 ? presented : attempts;
  const passed = judged.find((a) => a.result.ok);
  return (passed ?? judged[0])?.result ?? { ok: true, client: undefined };
}

function attempt(
  op: SpecOperation,
  alternative: readonly SecurityScheme[],
  request: CheckedRequest,
  clients: ClientRegistry,
  provider: ProviderId,
): Attempt {
  let client: SandboxClient | undefined;
  let presented = false;
  for (const scheme of alternative) {
    const one = schemeAttempt(op, scheme, request, clients, provider);
    presented ||= one.presented;
    if (!one.result.ok) return { presented, result: one.result };
    client ??= one.result.client;
  }
  if (alternative.every((scheme) => !identifies(scheme))) {
    // No scheme that names the client: it names itself in the body, if the body lets it.
    const body = bodyAttempt(op, request, clients, provider);
    return { presented: presented || body.presented, result: body.result };
  }
  const bodyId = roleValue(op, request.params, "client_id");
  if (client && bodyId !== undefined && bodyId !== client.clientId) {
    return {
      presented,
      result: {
        ok: false,
        reason: `the ${roleName(op, "client_id")} in the request names another client than its credentials`,
      },
    };
  }
  return { presented, result: { ok: true, client } };
}

/** Schemes that carry the client's own credentials (others, like oauth2, cannot on a token endpoint). */
function identifies(scheme: SecurityScheme): boolean {
  return (scheme.type === "http" && scheme.scheme === "basic") || scheme.type === "apiKey";
}

function schemeAttempt(
  op: SpecOperation,
  scheme: SecurityScheme,
  request: CheckedRequest,
  clients: ClientRegistry,
  provider: ProviderId,
): Attempt {
  if (scheme.type === "http" && scheme.scheme === "basic") return basicAttempt(request, clients, provider);
  if (scheme.type === "apiKey") return apiKeyAttempt(scheme, request, clients, provider);
  return { presented: false, result: { ok: true, client: undefined } };
}

function basicAttempt(request: CheckedRequest, clients: ClientRegistry, provider: ProviderId): Attempt {
  const header = request.headers.authorization;
  const refused = (presented: boolean, reason: string): Attempt => ({
    presented,
    result: { ok: false, reason },
  });
  if (!header)
    return refused(false, "this spec's security is HTTP Basic and the request sent no Authorization header");
  const space = header.indexOf(" ");
  const scheme = (space === -1 ? header : header.slice(0, space)).toLowerCase();
  if (scheme !== "basic") {
    return refused(
      false,
      "this spec's security is HTTP Basic and the request's Authorization header is not Basic",
    );
  }
  const decoded = decodeBasic(header.slice(space + 1).trim());
  if (!decoded) {
    return refused(
      true,
      'the Authorization header is not Basic base64(form-encoded client id ":" form-encoded secret) (RFC 6749 §2.3.1)',
    );
  }
  const auth = clients.authenticate(provider, decoded.clientId, decoded.clientSecret);
  if (!auth.ok) return refused(true, `the Authorization header's ${failure(auth.reason, decoded.clientId)}`);
  return { presented: true, result: { ok: true, client: auth.client } };
}

function apiKeyAttempt(
  scheme: SecurityScheme,
  request: CheckedRequest,
  clients: ClientRegistry,
  provider: ProviderId,
): Attempt {
  const where = `the ${scheme.in ?? "header"} ${scheme.parameter ?? scheme.name}`;
  const key = apiKey(scheme, request);
  if (key === undefined) {
    return {
      presented: false,
      result: {
        ok: false,
        reason: `this spec's security is an API key in ${where} and the request sent none`,
      },
    };
  }
  // The key is a client's secret: the sandbox's clients have no other.
  const client = clients
    .list(provider)
    .find((candidate) => clients.authenticate(provider, candidate.clientId, key).ok);
  if (!client)
    return {
      presented: true,
      result: { ok: false, reason: `the API key in ${where} is not a registered client's secret` },
    };
  return { presented: true, result: { ok: true, client } };
}

function apiKey(scheme: SecurityScheme, request: CheckedRequest): string | undefined {
  const name = scheme.parameter ?? scheme.name;
  if (scheme.in === "query") return request.query.get(name) ?? undefined;
  if (scheme.in === "cookie") {
    const cookies = String(request.headers.cookie ?? "").split(";");
    const pair = cookies.map((c) => c.trim().split("=")).find(([key]) => key === name);
    return pair ? decodeURIComponent(pair.slice(1).join("=")) : undefined;
  }
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** None required by a scheme: the body's client id and secret, as far as the request sends them. */
function bodyAttempt(
  op: SpecOperation,
  request: CheckedRequest,
  clients: ClientRegistry,
  provider: ProviderId,
): Attempt {
  const id = roleValue(op, request.params, "client_id");
  const secret = roleValue(op, request.params, "client_secret");
  const idName = roleName(op, "client_id");
  if (secret !== undefined) {
    if (id === undefined) {
      return {
        presented: true,
        result: { ok: false, reason: `the request sent ${roleName(op, "client_secret")} without ${idName}` },
      };
    }
    const auth = clients.authenticate(provider, id, secret);
    if (!auth.ok)
      return { presented: true, result: { ok: false, reason: `the request's ${failure(auth.reason, id)}` } };
    return { presented: true, result: { ok: true, client: auth.client } };
  }
  if (id === undefined) return { presented: false, result: { ok: true, client: undefined } };
  // A public client (RFC 6749 §2.1): known by its id, no secret.
  const client = clients.get(provider, id);
  if (!client)
    return { presented: false, result: { ok: false, reason: `no client ${id} is registered (${idName})` } };
  return { presented: false, result: { ok: true, client } };
}

function failure(reason: "unknown-client" | "wrong-secret", clientId: string): string {
  return reason === "unknown-client"
    ? `client id names no registered client (${clientId})`
    : `client secret is wrong for client ${clientId}`;
}
