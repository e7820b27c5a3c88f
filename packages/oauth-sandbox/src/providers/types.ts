import type { SandboxClock } from "../clock.js";
import type { ClientRegistry } from "../registry.js";
import type { CheckedRequest } from "../request.js";
import type { ProviderId, ProviderSpec, RequestProblem, SpecOperation } from "../spec.js";
import type { SandboxStore } from "../store.js";

/** Seconds each kind of value lives. */
export interface Lifetimes {
  code: number;
  access: number;
  refresh: number;
}

export interface Reply {
  status: number;
  body: unknown;
}

export interface ProviderContext {
  provider: ProviderId;
  spec: ProviderSpec;
  store: SandboxStore;
  clock: SandboxClock;
  clients: ClientRegistry;
  lifetimes: Lifetimes;
  /** every refresh token is single-use, and a reused one revokes every token of its grant */
  strictRotation: boolean;
}

/** How one provider behaves: its lifetimes and scopes, its error shape, its grants. */
export interface ProviderBehaviour {
  id: ProviderId;
  defaultLifetimes: Lifetimes;
  /** scope granted when a code is issued without one */
  defaultScope: string[];
  /** the name of the client id in the provider's authorization URL (Douyin: client_key) */
  clientIdParameter: string;
  /** how scopes are joined in this provider's responses */
  scopeSeparator: string;
  /** Douyin: a new code for the same client and user makes the previous unused code invalid. */
  newCodeReplacesOlder: boolean;
  /** The provider's answer to a request that failed the spec check (op undefined: no such path). */
  problem(problem: RequestProblem, op: SpecOperation | undefined, ctx: ProviderContext): Reply;
  /** Serves a request that passed the spec check. */
  handle(op: SpecOperation, request: CheckedRequest, ctx: ProviderContext): Reply;
}
