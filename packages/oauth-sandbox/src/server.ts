// The HTTP face of a sandbox: routes provider paths through the spec check to the provider's behaviour,
// serves the sandbox-only endpoints, and sends every provider answer in a media type the spec declares.
import type { IncomingMessage, ServerResponse } from "node:http";
import { BEHAVIOURS, type IssueCodeOptions, type SandboxCore, SandboxRequestError } from "./core.js";
import type { Reply } from "./providers/types.js";
import { checkRequest } from "./request.js";
import { isObject } from "./schema.js";
import {
  PROVIDER_IDS,
  type ProviderId,
  type RequestProblem,
  type SpecMethod,
  type SpecOperation,
} from "./spec.js";

const MAX_BODY_BYTES = 64 * 1024;

export interface HandlerOptions {
  /** Check every provider answer against the spec before sending it; a mismatch becomes a 500. Default true. */
  checkResponses: boolean;
  log: ((line: string) => void) | undefined;
}

export function createRequestHandler(core: SandboxCore, options: HandlerOptions) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    res.on("finish", () => {
      // The path only: Douyin sends its secrets in the query string.
      const path = (req.url ?? "/").split("?")[0];
      options.log?.(`${req.method} ${path} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`);
    });
    readBody(req)
      .then((body) => route(core, options, req, res, body))
      .catch((cause: unknown) => {
        if (cause instanceof BodyTooLarge) return sendJson(res, 413, { error: "request_too_large" });
        options.log?.(`internal error: ${cause instanceof Error ? cause.message : String(cause)}`);
        if (!res.headersSent) sendJson(res, 500, { error: "sandbox_error" });
      });
  };
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function route(
  core: SandboxCore,
  options: HandlerOptions,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
) {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const method = (req.method ?? "GET").toUpperCase();
  const segments = url.pathname.split("/");
  const first = segments[1] ?? "";

  if (url.pathname === "/" && method === "GET") return sendJson(res, 200, index(core, hostOf(req)));
  if (first === "_sandbox") return sandboxRoute(core, method, url.pathname, req, res, body);
  if (!(PROVIDER_IDS as readonly string[]).includes(first) || !core.specs.has(first as ProviderId)) {
    return sendJson(res, 404, { error: "not_found", error_description: `no provider at /${first}` });
  }
  const provider = first as ProviderId;
  const rest = `/${segments.slice(2).join("/")}`;
  if (segments[2] === "_sandbox") return providerSandboxRoute(core, provider, method, url, req, res, body);

  const ctx = core.context(provider);
  const behaviour = BEHAVIOURS[provider];
  const atPath = ctx.spec.operationsAt(rest);
  const op = atPath.find((o) => o.method === method);
  const answer = (reply: Reply, against: SpecOperation | undefined) =>
    sendReply(core, options, req, res, provider, against, reply);

  if (atPath.length === 0) return answer(behaviour.problem({ kind: "not-found" }, undefined, ctx), undefined);
  if (!op) {
    const problem: RequestProblem = { kind: "method-not-allowed", allowed: atPath.map((o) => o.method) };
    res.setHeader("Allow", problem.allowed.join(", "));
    return answer(behaviour.problem(problem, atPath[0], ctx), atPath[0]);
  }
  const checked = checkRequest(op, { query: url.searchParams, headers: req.headers, body });
  const sdkMethod = checked.ok ? ctx.spec.methodFor(op, checked.request.params) : undefined;
  core.requests.add(provider, sdkMethod?.name ?? op.operationId);
  if (!checked.ok) return answer(behaviour.problem(checked.problem, op, ctx), op);
  return sendReply(
    core,
    options,
    req,
    res,
    provider,
    op,
    behaviour.handle(op, checked.request, ctx),
    sdkMethod,
  );
}

function sendReply(
  core: SandboxCore,
  options: HandlerOptions,
  req: IncomingMessage,
  res: ServerResponse,
  provider: ProviderId,
  op: SpecOperation | undefined,
  reply: Reply,
  method?: SpecMethod,
): void {
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Pragma", "no-cache");
  if (!op) {
    sendJson(res, reply.status, reply.body);
    return;
  }
  const spec = core.context(provider).spec;
  const declared = spec.responseFor(op, reply.status);
  const offered = declared ? [...declared.mediaTypes.keys()] : [];
  const mediaType = negotiate(req.headers.accept, offered);
  const body = reply.body;
  if (options.checkResponses) {
    const problems = spec.checkResponse(op, reply.status, mediaType, body, method);
    if (problems.length > 0) {
      options.log?.(
        `response of ${provider} ${op.operationId} ${reply.status} breaks the spec: ${problems.join("; ")}`,
      );
      sendJson(res, 500, { error: "sandbox_response_breaks_spec", problems });
      return;
    }
  }
  const latency = core.latency(provider);
  if (latency === 0) {
    sendJson(res, reply.status, body, mediaType);
    return;
  }
  // Served already, answered later: a client killed meanwhile has spent what it sent and never sees the answer.
  const timer = setTimeout(() => sendJson(res, reply.status, body, mediaType), latency);
  res.once("close", () => clearTimeout(timer));
}

/** Picks the declared media type the client prefers (Accept order and q-values); JSON when it does not care. */
export function negotiate(accept: string | undefined, offered: string[]): string {
  const fallback = offered.includes("application/json")
    ? "application/json"
    : (offered[0] ?? "application/json");
  if (!accept) return fallback;
  const ranges = accept
    .split(",")
    .map((part, index) => {
      const [range = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { range: range.trim(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((r) => r.range && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { range } of ranges) {
    if (range === "*/*") return fallback;
    if (range.endsWith("/*")) {
      const match = offered.find((m) => m.startsWith(range.slice(0, -1)));
      if (match) return match;
    } else if (offered.includes(range)) {
      return range;
    }
  }
  return fallback;
}

function sendJson(res: ServerResponse, status: number, body: unknown, mediaType = "application/json"): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.statusCode = status;
  if (text) res.setHeader("Content-Type", `${mediaType}; charset=utf-8`);
  res.setHeader("Content-Length", Buffer.byteLength(text));
  res.end(text);
}

function hostOf(req: IncomingMessage): string {
  return `http://${req.headers.host ?? "127.0.0.1"}`;
}

function index(core: SandboxCore, origin: string) {
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
function sandboxRoute(
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
    if (!input) return badSandboxRequest(res, "expected a JSON object: {advance: seconds} or {set: time}");
    try {
      if (input.advance !== undefined) {
        if (typeof input.advance !== "number")
          return badSandboxRequest(res, "advance must be a number of seconds");
        core.clock.advance(input.advance);
      }
      if (input.set !== undefined) {
        if (typeof input.set !== "number" && typeof input.set !== "string") {
          return badSandboxRequest(res, "set must be an ISO 8601 time or epoch seconds");
        }
        core.clock.set(input.set);
      }
      if (input.freeze === true) core.clock.freeze();
      if (input.freeze === false) core.clock.unfreeze();
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

/** Per-provider sandbox endpoints: issue codes, the authorize redirect, introspection. */
function providerSandboxRoute(
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
      const issued = core.issueCode(provider, issueOptions(provider, input));
      return sendJson(res, 201, {
        code: issued.code,
        client_id: issued.clientId,
        redirect_uri: issued.redirectUri,
        scope: issued.scope.join(BEHAVIOURS[provider].scopeSeparator),
        user: issued.user,
        expires_in: issued.expiresIn,
        expires_at: issued.expiresAt,
        ...(typeof input.state === "string" ? { state: input.state } : {}),
      });
    }
    if (action === "authorize" && method === "GET") return authorize(core, provider, url, res);
    if (action === "latency" && method === "POST") {
      const input = parseSandboxBody(req, body);
      const ms = input?.ms === undefined || input.ms === "" ? Number.NaN : Number(input.ms);
      if (!Number.isFinite(ms)) return badSandboxRequest(res, "expected {ms: milliseconds}");
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
 * Completes an authorization-URL flow as if the user said "allow": a 302 to `redirect_uri` with `code` and
 * `state` (RFC 6749 §4.1.2). Unknown clients and unregistered redirect URIs get a 400, never a redirect.
 */
function authorize(core: SandboxCore, provider: ProviderId, url: URL, res: ServerResponse): void {
  const query = Object.fromEntries(url.searchParams);
  const options = issueOptions(provider, query);
  const client = core.resolveClient(provider, options.clientId, options.redirectUri);
  const redirectUri = options.redirectUri ?? client.redirectUris?.[0];
  if (!redirectUri) throw new SandboxRequestError("redirect_uri is required");
  let target: URL;
  try {
    target = new URL(redirectUri);
  } catch {
    throw new SandboxRequestError("redirect_uri must be an absolute URL");
  }
  if (query.response_type !== undefined && query.response_type !== "code") {
    target.searchParams.set("error", "unsupported_response_type");
  } else {
    // The code remembers the redirect_uri only when the request named it, as RFC 6749 §4.1.3 asks.
    const issued = core.issueCode(provider, { ...options, clientId: client.clientId });
    target.searchParams.set("code", issued.code);
  }
  if (query.state !== undefined) target.searchParams.set("state", query.state);
  res.statusCode = 302;
  res.setHeader("Location", target.toString());
  res.setHeader("Cache-Control", "no-store");
  res.end();
}

function issueOptions(provider: ProviderId, input: Record<string, unknown>): IssueCodeOptions {
  const options: IssueCodeOptions = {};
  const clientId = input[BEHAVIOURS[provider].clientIdParameter] ?? input.client_id ?? input.clientId;
  if (typeof clientId === "string" && clientId) options.clientId = clientId;
  const redirectUri = input.redirect_uri ?? input.redirectUri;
  if (typeof redirectUri === "string" && redirectUri) options.redirectUri = redirectUri;
  if (typeof input.scope === "string" || Array.isArray(input.scope)) {
    options.scope = Array.isArray(input.scope) ? input.scope.map(String) : input.scope;
  }
  const user = input.user ?? input.open_id;
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

function badSandboxRequest(res: ServerResponse, description: string): void {
  sendJson(res, 400, { error: "invalid_request", error_description: description });
}
