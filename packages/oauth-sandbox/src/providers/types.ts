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
  /** how this provider joins scopes (the spec's `x-sdk-tokens.scopeSeparator`; RFC 6749 §3.3: a space) */
  scopeSeparator: string;
  /** every refresh token is single-use, and a reused one revokes every token of its grant */
  strictRotation: boolean;
}

/**
 * The name a provider gives the user in its authorization URL (Douyin: open_id). The client id's name is spec data:
 * the authorization code flow's `x-sdk-authorization.parameterNames` (Douyin: client_key).
 */
export interface ParameterNames {
  user: string;
}

/**
 * How one provider behaves where no spec can say: its error shape, its grants, the tokens it mints. Lifetimes,
 * rotation and scope separators come from the spec (`x-sdk-tokens`).
 */
export interface ProviderBehaviour {
  /** scope granted when a code is issued without one */
  defaultScope: string[];
  parameterNames: ParameterNames;
  /** Douyin: a new code for the same client and user makes the previous unused code invalid. */
  newCodeReplacesOlder: boolean;
  /** The provider's answer to a request that failed the spec check (op undefined: no such path). */
  problem(problem: RequestProblem, op: SpecOperation | undefined, ctx: ProviderContext): Reply;
  /** Serves a request that passed the spec check. */
  handle(op: SpecOperation, request: CheckedRequest, ctx: ProviderContext): Reply;
}
