// One sandbox's state and the sandbox-only actions (issuing codes, introspection) shared by the HTTP
// endpoints and the programmatic API.

import type { SandboxClient } from "./clients.js";
import type { SandboxClock } from "./clock.js";
import { ConsentPages } from "./consent.js";
import { behaviourFor, defaultLifetimes } from "./providers/index.js";
import type { Lifetimes, ProviderBehaviour, ProviderContext } from "./providers/types.js";
import { randomUserId } from "./random.js";
import type { ClientRegistry } from "./registry.js";
import { RequestCounts } from "./request-counts.js";
import type { ProviderId, ProviderSpec } from "./spec.js";
import { SandboxStore, type StoreLimits } from "./store.js";

export interface IssueCodeOptions {
  /** Default: the provider's first registered client. */
  clientId?: string;
  /** The redirect URI of the authorization request; the exchange must repeat it where the provider checks it. */
  redirectUri?: string;
  /** Granted scopes (a list, or one string split on commas/spaces). Default: the provider's usual scopes. */
  scope?: string | string[];
  /** The user who "allowed" (Douyin's open_id). Default: a new random id per code. */
  user?: string;
}

export interface IssuedCode {
  provider: ProviderId;
  code: string;
  clientId: string;
  redirectUri: string | undefined;
  scope: string[];
  user: string;
  /** seconds until the code expires */
  expiresIn: number;
  /** epoch seconds, sandbox time */
  expiresAt: number;
}

export interface Introspection {
  active: boolean;
  token_type?: "access_token" | "refresh_token";
  client_id?: string;
  sub?: string;
  scope?: string;
  iat?: number;
  exp?: number;
}

/** A held-back answer longer than this is a mistake, not a test of slowness. */
const MAX_LATENCY_MS = 600_000;

export class SandboxRequestError extends Error {
  override name = "SandboxRequestError";
}

export class SandboxCore {
  readonly clock: SandboxClock;
  readonly store: SandboxStore;
  readonly clients: ClientRegistry;
  readonly specs: ReadonlyMap<ProviderId, ProviderSpec>;
  readonly requests = new RequestCounts();
  /** consent pages shown and not yet answered */
  readonly consents = new ConsentPages();
  readonly strictRotation: boolean;
  /** one per served provider, built once: every request reads it */
  readonly #contexts = new Map<ProviderId, Readonly<ProviderContext>>();
  readonly #latencyMs = new Map<ProviderId, number>();

  constructor(init: {
    specs: ReadonlyMap<ProviderId, ProviderSpec>;
    clients: ClientRegistry;
    clock: SandboxClock;
    /** overrides of the lifetimes the specs give, in seconds */
    lifetimes: Readonly<Partial<Record<ProviderId, Partial<Lifetimes>>>>;
    strictRotation: boolean;
    limits?: Partial<StoreLimits>;
  }) {
    this.specs = init.specs;
    this.clients = init.clients;
    this.clock = init.clock;
    this.store = new SandboxStore(init.clock, init.limits);
    this.strictRotation = init.strictRotation;
    for (const [provider, spec] of init.specs) {
      this.#contexts.set(provider, {
        provider,
        spec,
        store: this.store,
        clock: this.clock,
        clients: this.clients,
        lifetimes: { ...defaultLifetimes(spec.tokens), ...init.lifetimes[provider] },
        // RFC 6749 §3.3: scopes are separated by spaces where a spec does not say otherwise.
        scopeSeparator: spec.tokens.scopeSeparator ?? " ",
        strictRotation: this.strictRotation,
      });
    }
  }

  /** Milliseconds every answer of this provider's token endpoints is held back (the request is served at once). */
  latency(provider: ProviderId): number {
    return this.#latencyMs.get(provider) ?? 0;
  }

  setLatency(provider: ProviderId, ms: number): void {
    this.context(provider);
    if (!Number.isFinite(ms) || ms < 0 || ms > MAX_LATENCY_MS) {
      throw new SandboxRequestError(`latency must be 0..${MAX_LATENCY_MS} milliseconds, got ${ms}`);
    }
    this.#latencyMs.set(provider, ms);
  }

  /** Forgets every code, token and request count (clients, clock and latencies stay). */
  reset(): void {
    this.store.reset();
    this.requests.reset();
  }

  get providers(): ProviderId[] {
    return [...this.specs.keys()];
  }

  context(provider: ProviderId): Readonly<ProviderContext> {
    const context = this.#contexts.get(provider);
    if (!context) throw new SandboxRequestError(`provider ${provider} is not served by this sandbox`);
    return context;
  }

  behaviour(provider: ProviderId): ProviderBehaviour {
    this.context(provider);
    return behaviourFor(provider);
  }

  lifetimes(provider: ProviderId): Lifetimes {
    return { ...this.context(provider).lifetimes };
  }

  /** The client a code or redirect is for; refuses unknown clients and unregistered redirect URIs. */
  resolveClient(
    provider: ProviderId,
    clientId: string | undefined,
    redirectUri: string | undefined,
  ): SandboxClient {
    this.context(provider);
    const client =
      clientId === undefined ? this.clients.list(provider)[0] : this.clients.get(provider, clientId);
    if (!client) {
      throw new SandboxRequestError(
        clientId === undefined
          ? `no client is registered for ${provider}`
          : `unknown ${provider} client ${clientId}`,
      );
    }
    if (redirectUri !== undefined && !this.clients.allowsRedirect(client, redirectUri)) {
      throw new SandboxRequestError(
        `redirect_uri is not registered for ${provider} client ${client.clientId}`,
      );
    }
    return client;
  }

  issueCode(provider: ProviderId, options: IssueCodeOptions = {}): IssuedCode {
    const client = this.resolveClient(provider, options.clientId, options.redirectUri);
    const behaviour = this.behaviour(provider);
    const scope =
      typeof options.scope === "string"
        ? options.scope.split(/[\s,]+/).filter(Boolean)
        : options.scope
          ? [...options.scope]
          : [...behaviour.defaultScope];
    const user = options.user ?? randomUserId();
    const record = this.store.issueCode(
      { provider, clientId: client.clientId, userId: user, scope, redirectUri: options.redirectUri },
      this.context(provider).lifetimes.code,
      { replacesOlder: behaviour.newCodeReplacesOlder },
    );
    return {
      provider,
      code: record.code,
      clientId: client.clientId,
      redirectUri: options.redirectUri,
      scope,
      user,
      expiresIn: record.expiresAt - this.clock.nowSeconds(),
      expiresAt: record.expiresAt,
    };
  }

  /** RFC 7662-style view of a token the sandbox issued (sandbox-only; the providers offer no such endpoint). */
  introspect(provider: ProviderId, token: string): Introspection {
    const { scopeSeparator } = this.context(provider);
    const record = this.store.peekToken(provider, token);
    if (!record || !this.store.isLive(record)) return { active: false };
    return {
      active: true,
      token_type: record.kind === "access" ? "access_token" : "refresh_token",
      client_id: record.grant.clientId,
      sub: record.grant.userId,
      scope: record.grant.scope.join(scopeSeparator),
      iat: record.issuedAt,
      exp: record.expiresAt,
    };
  }
}
