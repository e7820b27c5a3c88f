// The HTTP face of a sandbox: routes provider paths through the spec check to the provider's behaviour (and
// sandbox paths to ./admin.ts), and sends every provider answer in a media type the spec declares.
import type { IncomingMessage, ServerResponse } from "node:http";
import { index, providerSandboxRoute, sandboxRoute } from "./admin.js";
import type { SandboxCore } from "./core.js";
import {
  BodyTooLarge,
  crossSite,
  type HeaderList,
  hostOf,
  loopbackHost,
  negotiate,
  readBody,
  requestTarget,
  requestUrl,
  sendJson,
} from "./http.js";
import type { Reply } from "./providers/types.js";
import { checkRequest } from "./request.js";
import type { ProviderId, RequestProblem, SpecMethod, SpecOperation } from "./spec.js";

export interface HandlerOptions {
  /** Check every provider answer against the spec before sending it; a mismatch becomes a 500. Default true. */
  checkResponses: boolean;
  log: ((line: string) => void) | undefined;
}

export function createRequestHandler(core: SandboxCore, options: HandlerOptions) {
  const { log } = options;
  return (req: IncomingMessage, res: ServerResponse): void => {
    // Timed and logged only with a log to write to: a quiet sandbox spends nothing on it.
    if (log) {
      const started = performance.now();
      res.on("finish", () => {
        // The path only: Douyin sends its secrets in the query string.
        const path = (req.url ?? "/").split("?")[0];
        log(`${req.method} ${path} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`);
      });
    }
    // DNS rebinding: a page under its own name that resolves to 127.0.0.1 sends that name as Host.
    if (!loopbackHost(req)) {
      sendJson(res, 421, {
        error: "misdirected_request",
        error_description: "the sandbox answers only to a loopback Host (127.0.0.1, localhost, [::1])",
      });
      req.resume();
      return;
    }
    readBody(req, (error, body) => {
      try {
        if (error) throw error;
        route(core, options, req, res, body);
      } catch (cause) {
        failed(options, res, cause);
      }
    });
  };
}

/** A body too large, a broken stream, or a fault of the sandbox itself. */
function failed(options: HandlerOptions, res: ServerResponse, cause: unknown): void {
  if (cause instanceof BodyTooLarge) {
    sendJson(res, 413, { error: "request_too_large" });
    return;
  }
  options.log?.(`internal error: ${cause instanceof Error ? cause.message : String(cause)}`);
  if (!res.headersSent) sendJson(res, 500, { error: "sandbox_error" });
}

function route(
  core: SandboxCore,
  options: HandlerOptions,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
) {
  const { pathname, query } = requestTarget(req.url ?? "/");
  const method = (req.method ?? "GET").toUpperCase();
  // "/<first>/<rest…>": the first segment names a provider (or the sandbox), the rest is a path of its spec.
  const slash = pathname.indexOf("/", 1);
  const first = slash === -1 ? pathname.slice(1) : pathname.slice(1, slash);
  const rest = slash === -1 ? "/" : specPath(pathname.slice(slash));

  if (pathname === "/" && method === "GET") return sendJson(res, 200, index(core, hostOf(req)));
  if ((first === "_sandbox" || rest === "/_sandbox" || rest.startsWith("/_sandbox/")) && crossSite(req)) {
    // The authorize page is the one a browser is sent to from an app's page; every other sandbox action is not.
    if (!(method === "GET" && rest === "/_sandbox/authorize"))
      return sendJson(res, 403, {
        error: "cross_site_request",
        error_description: "sandbox endpoints refuse requests from another origin's page",
      });
  }
  if (first === "_sandbox") return sandboxRoute(core, method, pathname, req, res, body);
  if (!core.specs.has(first)) {
    return sendJson(res, 404, { error: "not_found", error_description: `no provider at /${first}` });
  }
  const provider: ProviderId = first;
  if (rest === "/_sandbox" || rest.startsWith("/_sandbox/")) {
    return providerSandboxRoute(core, provider, method, requestUrl(req.url ?? "/"), req, res, body);
  }

  const ctx = core.context(provider);
  const behaviour = core.behaviour(provider);
  const atPath = ctx.spec.operationsAt(rest, query);
  const op = atPath.find((o) => o.method === method);
  const answer = (reply: Reply, against: SpecOperation | undefined) =>
    sendReply(core, options, req, res, provider, against, reply);

  if (atPath.length === 0) return answer(behaviour.problem({ kind: "not-found" }, undefined, ctx), undefined);
  if (!op) {
    const problem: RequestProblem = { kind: "method-not-allowed", allowed: atPath.map((o) => o.method) };
    res.setHeader("Allow", problem.allowed.join(", "));
    return answer(behaviour.problem(problem, atPath[0], ctx), atPath[0]);
  }
  const checked = checkRequest(op, { query, headers: req.headers, body });
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

/** A request path as a spec writes it: percent-escapes decoded (a spec's path may hold any character). */
function specPath(path: string): string {
  if (!path.includes("%")) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Every provider answer, as RFC 6749 §5.1 asks of token responses: never cached. */
const NO_STORE: HeaderList = ["Cache-Control", "no-store", "Pragma", "no-cache"];

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
  if (!op) {
    sendJson(res, reply.status, reply.body, undefined, NO_STORE);
    return;
  }
  const spec = core.context(provider).spec;
  const declared = spec.responseFor(op, reply.status);
  const offered = declared ? [...declared.mediaTypes.keys()] : [];
  const mediaType = negotiate(req.headers.accept, offered);
  const body = reply.body;
  // An error the spec gives no body for (no error response, or one without content) has no shape to follow: it is
  // sent in RFC 6749's, unchecked.
  const undeclaredError = reply.status >= 400 && (declared === undefined || declared.mediaTypes.size === 0);
  if (options.checkResponses && !undeclaredError) {
    const problems = spec.checkResponse(op, reply.status, mediaType, body, method);
    if (problems.length > 0) {
      options.log?.(
        `response of ${provider} ${op.operationId} ${reply.status} breaks the spec: ${problems.join("; ")}`,
      );
      sendJson(res, 500, { error: "sandbox_response_breaks_spec", problems }, undefined, NO_STORE);
      return;
    }
  }
  const latency = core.latency(provider);
  if (latency === 0) {
    sendJson(res, reply.status, body, mediaType, NO_STORE);
    return;
  }
  // Served already, answered later: a client killed meanwhile has spent what it sent and never sees the answer.
  const timer = setTimeout(() => sendJson(res, reply.status, body, mediaType, NO_STORE), latency);
  res.once("close", () => clearTimeout(timer));
}
