// @x/oauth-sandbox: a local, stateful, spec-validated emulator of OAuth token endpoints, one per spec.
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ClientsConfig, defaultClient, loadClientsFile, type SandboxClient } from "./clients.js";
import { type ClockOptions, SandboxClock } from "./clock.js";
import { type Introspection, type IssueCodeOptions, type IssuedCode, SandboxCore } from "./core.js";
import type { Lifetimes } from "./providers/types.js";
import { ClientRegistry } from "./registry.js";
import { createRequestHandler } from "./server.js";
import {
  listProviders,
  loadSpec,
  type ProviderId,
  type ProviderSpec,
  type ShippedProviderId,
  SpecError,
} from "./spec.js";
import type { StoreLimits } from "./store.js";

export type { ClientsConfig, SandboxClient } from "./clients.js";
export {
  ClientsConfigError,
  DEFAULT_CLIENTS,
  defaultClient,
  loadClientsFile,
  parseClientFlag,
  parseClientsConfig,
} from "./clients.js";
export type { ClockOptions } from "./clock.js";
export { SandboxClock } from "./clock.js";
export type { Introspection, IssueCodeOptions, IssuedCode } from "./core.js";
export { SandboxRequestError } from "./core.js";
export { DOUYIN_ERRORS } from "./providers/douyin.js";
export { PINTEREST_ERRORS } from "./providers/pinterest.js";
export type { Lifetimes } from "./providers/types.js";
export type { ProviderId, ProviderSpec, ShippedProviderId, SpecOperation } from "./spec.js";
export { listProviders, loadSpec, SpecError } from "./spec.js";
export { DEFAULT_STORE_LIMITS, type StoreLimits } from "./store.js";

export interface SandboxOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Extra clients, or the path of a clients JSON file. A provider listed here replaces its default client. */
  clients?: ClientsConfig | string;
  /** Register the documented demo client of every provider not listed in `clients`. Default true. */
  defaultClients?: boolean;
  clock?: ClockOptions;
  /** Per-provider overrides of code/access/refresh lifetimes, in seconds. */
  lifetimes?: Partial<Record<ProviderId, Partial<Lifetimes>>>;
  /** Serve only these providers. Default: one per `<provider>.yaml` in `specsDir`. */
  providers?: readonly ProviderId[];
  /**
   * Folder holding one `<provider>.yaml` per provider: each is served under `/<provider>`. A provider without a
   * module of its own (Douyin, Avito, Pinterest, Criteo have one) is served as its spec says. Default: the specs
   * shipped with the package.
   */
  specsDir?: string;
  /** Check every answer against the spec before sending it (a mismatch becomes HTTP 500). Default true. */
  checkResponses?: boolean;
  /**
   * Every refresh token is single-use (Douyin's too, whose refresh otherwise keeps it), and presenting a used one
   * again is refused in the provider's own error shape and revokes every token of that grant. Default false.
   */
  strictRotation?: boolean;
  /** Milliseconds each provider's token answers are held back (see `setLatency`). */
  latency?: Partial<Record<ProviderId, number>>;
  /** One line per request (method, path without query, status, time) and per internal problem. */
  log?: (line: string) => void;
  /**
   * Codes and tokens kept per provider (default 10,000 codes, 200,000 tokens): past either, the oldest is dropped
   * and then refused as unknown.
   */
  limits?: Partial<StoreLimits>;
}

export interface Sandbox {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /**
   * Base URL of each served provider, for the provider packages' `baseUrl`. Only served providers have a key (the
   * shipped providers' keys are typed as always there, for convenience).
   */
  readonly baseUrls: Readonly<Record<ShippedProviderId, string>> & Readonly<Record<string, string>>;
  readonly clock: SandboxClock;
  readonly providers: readonly ProviderId[];
  /** Registered clients per provider (copies). */
  clients(provider: ProviderId): SandboxClient[];
  registerClient(provider: ProviderId, client: SandboxClient): void;
  /** An authorization code, as if a user had clicked "allow" (same as `POST /<provider>/_sandbox/codes`). */
  issueCode(provider: ProviderId, options?: IssueCodeOptions): Promise<IssuedCode>;
  /**
   * Each served provider's authorize endpoint (`<baseUrl>/_sandbox/authorize`, the consent page), for the provider
   * packages' `authorizationUrl({ authorizationEndpoint })`.
   */
  readonly authorizationEndpoints: Readonly<Record<ShippedProviderId, string>> &
    Readonly<Record<string, string>>;
  /**
   * Answers the consent page of an authorization URL as a user would, over HTTP: opens it, presses Allow or Deny,
   * and returns the URL the browser would be sent back to. Refused requests (an error page) throw with its text.
   */
  consent(authorizationUrl: string, decision: "allow" | "deny"): Promise<string>;
  /** An authorization URL of the sandbox's consent page, with the provider's parameter names (tests). */
  authorizeUrl(
    provider: ProviderId,
    params: { clientId?: string; redirectUri: string; state?: string; scope?: string },
  ): string;
  /** Whether a token the sandbox issued is live, and for whom. */
  introspect(provider: ProviderId, token: string): Introspection;
  lifetimes(provider: ProviderId): Lifetimes;
  /**
   * Token requests a provider received: under one name (the `x-sdk-methods` entry a request picked, else the spec's
   * operationId), or all of them. Counted on arrival, valid or not (same as `GET /_sandbox/requests`).
   */
  requestCount(provider: ProviderId, operationId?: string): number;
  /**
   * Holds back every answer of this provider's token endpoints by `ms` (0 = none); the request itself is served at
   * once, so a client killed meanwhile has spent its code or refresh token (same as `POST /<provider>/_sandbox/latency`).
   */
  setLatency(provider: ProviderId, ms: number): void;
  /** Forgets every code, token and request count (clients, clock and latencies stay). */
  reset(): void;
  close(): Promise<void>;
}

/** Where the specs are: next to the built module (dist/specs), or the repository's specs/ when run from source. */
export function defaultSpecsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "specs"), join(here, "..", "..", "..", "specs")];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0] ?? here;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const specsDir = options.specsDir ?? defaultSpecsDir();
  const available = listProviders(specsDir);
  const providers = [...(options.providers ?? available)];
  if (providers.length === 0) throw new SpecError(`${specsDir}: no <provider>.yaml spec to serve`);
  for (const provider of providers) {
    if (!available.includes(provider)) {
      throw new SpecError(
        `${specsDir}: no ${provider}.yaml (the specs there: ${available.join(", ") || "none"})`,
      );
    }
  }
  const specs = new Map<ProviderId, ProviderSpec>(providers.map((id) => [id, loadSpec(id, specsDir)]));

  const configured =
    typeof options.clients === "string"
      ? loadClientsFile(options.clients, available)
      : (options.clients ?? {});
  const clients = new ClientRegistry(configured);
  if (options.defaultClients !== false) {
    for (const provider of providers) {
      if (configured[provider] === undefined) clients.add(provider, defaultClient(provider));
    }
  }

  const lifetimes = Object.fromEntries(providers.map((id) => [id, options.lifetimes?.[id]]));
  const clock = new SandboxClock(options.clock);
  const core = new SandboxCore({
    specs,
    clients,
    clock,
    lifetimes,
    strictRotation: options.strictRotation ?? false,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  for (const [provider, ms] of Object.entries(options.latency ?? {})) {
    if (ms !== undefined) core.setLatency(provider, ms);
  }

  const server = createServer(
    { keepAlive: true },
    createRequestHandler(core, { checkResponses: options.checkResponses ?? true, log: options.log }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const baseUrls = Object.fromEntries(providers.map((id) => [id, `${url}/${id}`])) as Sandbox["baseUrls"];
  const authorizationEndpoints = Object.fromEntries(
    providers.map((id) => [id, `${url}/${id}/_sandbox/authorize`]),
  ) as Sandbox["authorizationEndpoints"];

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    url,
    port,
    baseUrls,
    clock,
    providers,
    clients: (provider) => clients.list(provider).map((c) => ({ ...c })),
    registerClient: (provider, client) => clients.add(provider, client),
    issueCode: async (provider, issueOptions) => core.issueCode(provider, issueOptions),
    authorizationEndpoints,
    consent: (authorizationUrl, decision) => answerConsent(authorizationUrl, decision),
    authorizeUrl(provider, params) {
      const target = new URL(`${baseUrls[provider]}/_sandbox/authorize`);
      const flow = core.context(provider).spec.model.provider.authorization;
      target.searchParams.set("response_type", "code");
      target.searchParams.set(
        flow?.clientIdName ?? "client_id",
        params.clientId ?? clients.list(provider)[0]?.clientId ?? "",
      );
      target.searchParams.set("redirect_uri", params.redirectUri);
      if (params.state) target.searchParams.set("state", params.state);
      if (params.scope) target.searchParams.set("scope", params.scope);
      return target.toString();
    },
    introspect: (provider, token) => core.introspect(provider, token),
    lifetimes: (provider) => core.lifetimes(provider),
    requestCount: (provider, operationId) => core.requests.count(provider, operationId),
    setLatency: (provider, ms) => core.setLatency(provider, ms),
    reset: () => core.reset(),
    close,
  };
}

/** Opens a consent page and submits its form as a browser does; the Location of the redirect back. */
async function answerConsent(authorizationUrl: string, decision: "allow" | "deny"): Promise<string> {
  const shown = await fetch(authorizationUrl, { redirect: "manual" });
  const text = await shown.text();
  const location = shown.headers.get("location");
  if (location !== null) return location; // refused with a redirect (error=…), before any consent
  const consent = /name="consent" value="([^"]+)"/.exec(text)?.[1];
  if (shown.status !== 200 || consent === undefined)
    throw new Error(`the authorize page refused the request (${shown.status}): ${pageText(text)}`);
  const answered = await fetch(authorizationUrl, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ consent, decision }),
  });
  const back = answered.headers.get("location");
  if (back === null)
    throw new Error(`the consent was refused (${answered.status}): ${pageText(await answered.text())}`);
  return back;
}

function pageText(html: string): string {
  return (/<p class="error">([^<]*)</.exec(html)?.[1] ?? html.slice(0, 200)).replace(/&#39;|&quot;/g, "'");
}
