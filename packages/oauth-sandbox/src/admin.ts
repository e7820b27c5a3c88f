// The sandbox-only endpoints: the index, the clock, request counts, reset, and per provider issuing codes, the
// authorize endpoint (./consent.ts), introspection and latency. They take a JSON or a form body alike.
import type { IncomingMessage, ServerResponse } from "node:http";
import { isJsonObject as isObject } from "@x/spec-model";
import { type IssueCodeOptions, type SandboxCore, SandboxRequestError } from "./core.js";
import { sendJson } from "./http.js";
import type { ProviderId } from "./spec.js";

export function index(core: SandboxCore, origin: string) {
  return {
    name: "oauth-sandbox",
    clock: core.clock.toJSON(),
    /** codes and tokens held in memory, expired ones not yet evicted included */
    stored: core.store.size,
    providers: Object.fromEntries(
      core.providers.map((provider) => {
        const spec = core.context(provider).spec;
        return [
          provider,
          {
            baseUrl: `${origin}/${provider}`,
            spec: spec.title,
            operations: spec.operations.map((op) => `${op.method} ${op.path} (${op.operationId})`),
            clients: core.clients.list(provider).map((c) => c.clientId),
            lifetimes: core.lifetimes(provider),
          },
        ];
      }),
    ),
  };
}

/** Sandbox-wide endpoints: the clock and a reset. */
export function sandboxRoute(
  core: SandboxCore,
  method: string,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
) {
  if (path === "/_sandbox/clock" && method === "GET") return sendJson(res, 200, core.clock.toJSON());
  if (path === "/_sandbox/clock" && method === "POST") {
    const input = parseSandboxBody(req, body);
    if (!input)
      return badSandboxRequest(res, "expected a JSON or form body: {advance: seconds} or {set: time}");
    try {
      const advance = numberField(input, "advance");
      if (advance !== undefined) core.clock.advance(advance);
      const set = input.set;
      if (set !== undefined) {
        if (typeof set !== "number" && typeof set !== "string") {
          throw new SandboxRequestError("set must be an ISO 8601 time or epoch milliseconds");
        }
        core.clock.set(set);
      }
      const freeze = booleanField(input, "freeze");
      if (freeze === true) core.clock.freeze();
      if (freeze === false) core.clock.unfreeze();
    } catch (cause) {
      return badSandboxRequest(res, (cause as Error).message);
    }
    return sendJson(res, 200, core.clock.toJSON());
  }
  if (path === "/_sandbox/requests" && method === "GET") {
    return sendJson(res, 200, core.requests.snapshot(core.providers));
  }
  if (path === "/_sandbox/reset" && method === "POST") {
    core.reset();
    return sendJson(res, 204, undefined);
  }
  return sendJson(res, 404, {
    error: "not_found",
    error_description: `no sandbox endpoint ${method} ${path}`,
  });
}

/** Per-provider sandbox endpoints: issue codes, the authorize endpoint, introspection, latency. */
export function providerSandboxRoute(
  core: SandboxCore,
  provider: ProviderId,
  method: string,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
) {
  const action = url.pathname.split("/").slice(3).join("/");
  try {
    if (action === "codes" && method === "POST") {
      const input = parseSandboxBody(req, body);
      if (!input) return badSandboxRequest(res, "expected a JSON or form body");
      const issued = core.issueCode(provider, issueOptions(core, provider, input));
      return sendJson(res, 201, {
        code: issued.code,
        client_id: issued.clientId,
        redirect_uri: issued.redirectUri,
        scope: issued.scope.join(core.context(provider).scopeSeparator),
        user: issued.user,
        expires_in: issued.expiresIn,
        expires_at: issued.expiresAt,
        ...(typeof input.state === "string" ? { state: input.state } : {}),
      });
    }
    if (action === "authorize" && method === "GET")
      return core.consents.show(core, provider, url.searchParams, res);
    if (action === "authorize" && method === "POST")
      return core.consents.decide(core, provider, req, body, res);
    if (action === "latency" && method === "POST") {
      const input = parseSandboxBody(req, body);
      const ms = input && numberField(input, "ms");
      if (ms === undefined) return badSandboxRequest(res, "expected {ms: milliseconds}");
      core.setLatency(provider, ms);
      return sendJson(res, 200, { ms: core.latency(provider) });
    }
    if (action === "introspect" && method === "POST") {
      const input = parseSandboxBody(req, body);
      if (!input || typeof input.token !== "string")
        return badSandboxRequest(res, "expected {token: string}");
      return sendJson(res, 200, core.introspect(provider, input.token));
    }
  } catch (cause) {
    if (cause instanceof SandboxRequestError) return badSandboxRequest(res, cause.message);
    throw cause;
  }
  return sendJson(res, 404, {
    error: "not_found",
    error_description: `no sandbox endpoint ${method} ${url.pathname}`,
  });
}

/**
 * Code options from a request, under the sandbox's names or the provider's own: its spec's name for the client id
 * (Douyin's client_key), its name for the user (open_id).
 */
function issueOptions(
  core: SandboxCore,
  provider: ProviderId,
  input: Record<string, unknown>,
): IssueCodeOptions {
  const names = core.behaviour(provider).parameterNames;
  const clientIdName = core.context(provider).spec.model.provider.authorization?.clientIdName ?? "client_id";
  const options: IssueCodeOptions = {};
  const clientId = input[clientIdName] ?? input.client_id ?? input.clientId;
  if (typeof clientId === "string" && clientId) options.clientId = clientId;
  const redirectUri = input.redirect_uri ?? input.redirectUri;
  if (typeof redirectUri === "string" && redirectUri) options.redirectUri = redirectUri;
  if (typeof input.scope === "string" || Array.isArray(input.scope)) {
    options.scope = Array.isArray(input.scope) ? input.scope.map(String) : input.scope;
  }
  const user = input[names.user] ?? input.user;
  if (typeof user === "string" && user) options.user = user;
  return options;
}

/** Sandbox endpoints take JSON (or a form, for curl users); an empty body is an empty object. */
function parseSandboxBody(req: IncomingMessage, body: Buffer): Record<string, unknown> | undefined {
  if (body.length === 0) return {};
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded")
    return Object.fromEntries(new URLSearchParams(body.toString()));
  try {
    const value: unknown = JSON.parse(body.toString("utf8"));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A number, given as one (JSON) or as its text (a form); undefined when absent. */
function numberField(input: Record<string, unknown>, name: string): number | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isFinite(number)) {
    throw new SandboxRequestError(`${name} must be a number`);
  }
  return number;
}

/** true/false, given as JSON booleans or as the text "true"/"false" (a form); undefined when absent. */
function booleanField(input: Record<string, unknown>, name: string): boolean | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  throw new SandboxRequestError(`${name} must be true or false`);
}

function badSandboxRequest(res: ServerResponse, description: string): void {
  sendJson(res, 400, { error: "invalid_request", error_description: description });
}
