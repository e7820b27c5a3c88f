// Which behaviour serves a spec: the spec itself, with the traits of its provider where it has a module (what no
// spec can say), or RFC 6749's defaults; Douyin's envelope and GET endpoints have a module of their own.
import { randomToken } from "../random.js";
import { avito } from "./avito.js";
import { criteo } from "./criteo.js";
import { douyin } from "./douyin.js";
import { pinterest } from "./pinterest.js";
import { type ProviderTraits, specDrivenProvider } from "./spec-driven.js";
import type { Lifetimes, ProviderBehaviour } from "./types.js";

/** Any spec without a module: opaque tokens, no default scope. */
const RFC6749: ProviderTraits = {
  defaultScope: [],
  mintAccess: () => randomToken(32),
  mintRefresh: () => randomToken(32),
};

const BEHAVIOURS = new Map<string, ProviderBehaviour>([
  ["douyin", douyin],
  ["avito", specDrivenProvider(avito)],
  ["pinterest", specDrivenProvider(pinterest)],
  ["criteo", specDrivenProvider(criteo)],
]);
const specDriven = specDrivenProvider(RFC6749);

export function behaviourFor(provider: string): ProviderBehaviour {
  return BEHAVIOURS.get(provider) ?? specDriven;
}

const DAY = 24 * 60 * 60;

/**
 * The sandbox's lifetimes for a spec's token facts. Where the provider publishes none: an access token lives an
 * hour and a refresh token 30 days (the sandbox's choice); codes live 10 minutes (RFC 6749 §4.1.2's maximum).
 */
export function defaultLifetimes(tokens: {
  accessTokenLifetime?: number;
  refreshTokenLifetime?: number;
}): Lifetimes {
  return {
    code: 600,
    access: tokens.accessTokenLifetime ?? 3600,
    refresh: tokens.refreshTokenLifetime ?? 30 * DAY,
  };
}
