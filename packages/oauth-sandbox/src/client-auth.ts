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
  const keys = alternative.filter((scheme) => scheme.type === "apiKey");
  const basic = alternative.some((scheme) => scheme.type === "http" && scheme.scheme === "basic");
  if (!basic && keys.length === 0) {
    // No scheme that carries the client's credentials (none, oauth2, …): it names itself in the body, if it may.
    return bodyAttempt(op, request, clients, provider);
  }
  const checked = [
    ...(basic ? [basicAttempt(request, clients, provider)] : []),
    ...(keys.length > 0 ? [apiKeyAttempt(keys, request, clients, provider)] : []),
  ];
  const presented = checked.some((one) => one.presented);
  const failed = checked.find((one) => !one.result.ok);
  if (failed) return { presented, result: failed.result };
  const named = checked.map((one) => (one.result.ok ? one.result.client : undefined));
  const client = named[0];
  // The credentials, and a client id in the body, must all name the same client.
  const ids = new Set([...named.map((one) => one?.clientId), roleValue(op, request.params, "client_id")]);
  ids.delete(undefined);
  if (ids.size > 1) {
    const reason = `the request names two clients (${client?.clientId ?? "one"} and another)`;
    return { presented, result: { ok: false, reason } };
  }
  return { presented, result: { ok: true, client } };
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

/**
 * The API keys of one alternative: every one sent, and among their values a registered client's secret (with its
 * id, when a key holds the id; keys that hold neither, such as an API version, are not credentials).
 */
function apiKeyAttempt(
  schemes: readonly SecurityScheme[],
  request: CheckedRequest,
  clients: ClientRegistry,
  provider: ProviderId,
): Attempt {
  const values: string[] = [];
  for (const scheme of schemes) {
    const value = apiKey(scheme, request);
    if (value === undefined) {
      return {
        presented: values.length > 0,
        result: {
          ok: false,
          reason: `this spec's security is an API key in ${where(scheme)} and the request sent none`,
        },
      };
    }
    values.push(value);
  }
  const registered = clients.list(provider);
  const named = registered.find((client) => values.includes(client.clientId));
  const candidates = named ? [named] : registered;
  const client = candidates.find((candidate) =>
    values.some((value) => clients.authenticate(provider, candidate.clientId, value).ok),
  );
  if (client) return { presented: true, result: { ok: true, client } };
  const keys = schemes.map(where).join(" and ");
  const reason = named
    ? `the API keys in ${keys} name client ${named.clientId} but hold no secret of it`
    : `no API key in ${keys} is a registered client's secret`;
  return { presented: true, result: { ok: false, reason } };
}

function where(scheme: SecurityScheme): string {
  return `the ${scheme.in ?? "header"} ${scheme.parameter ?? scheme.name}`;
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
