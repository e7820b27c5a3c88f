// Registered OAuth clients: the documented demo defaults, and the clients file format.
import { readFileSync } from "node:fs";
import { isJsonObject as isObject } from "@x/spec-model";
import type { ProviderId } from "./spec.js";

export interface SandboxClient {
  clientId: string;
  clientSecret: string;
  /** Redirect URIs this client may use. Absent: any redirect URI is accepted (the demo clients). */
  redirectUris?: string[];
}

export type ClientsConfig = Partial<Record<ProviderId, SandboxClient[]>>;

/** The demo client of a provider (for demos and tests only): `sandbox-<provider>-client` / `-secret`. */
export function defaultClient(provider: ProviderId): SandboxClient {
  return { clientId: `sandbox-${provider}-client`, clientSecret: `sandbox-${provider}-secret` };
}

/** The demo clients of the providers whose specs ship with the package, as the README lists them. */
export const DEFAULT_CLIENTS = Object.freeze({
  douyin: defaultClient("douyin"),
  avito: defaultClient("avito"),
  pinterest: defaultClient("pinterest"),
  criteo: defaultClient("criteo"),
});

export class ClientsConfigError extends Error {
  override name = "ClientsConfigError";
}

/**
 * Reads and checks a clients file: `{ "<provider>": [{ "clientId", "clientSecret", "redirectUris"? }] }`.
 * With `providers`, a provider outside the list is an error.
 */
export function loadClientsFile(file: string, providers?: readonly ProviderId[]): ClientsConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new ClientsConfigError(`${file}: cannot read the clients file (${(cause as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new ClientsConfigError(`${file}: not valid JSON: ${jsonErrorReason(cause)}`);
  }
  return parseClientsConfig(data, file, providers);
}

// The parser quotes the text around the mistake, which may be part of a client secret: only its reason is kept.
function jsonErrorReason(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.replace(/,?\s*(?:\.\.\.)?"[\s\S]*"\s+is not valid JSON$/, "") || "syntax error";
}

export function parseClientsConfig(
  data: unknown,
  source = "clients",
  providers?: readonly ProviderId[],
): ClientsConfig {
  const fail = (where: string, message: string): never => {
    throw new ClientsConfigError(`${source}: ${where}: ${message}`);
  };
  if (!isObject(data)) return fail("(root)", "expected an object keyed by provider id");
  const config: ClientsConfig = {};
  for (const [provider, list] of Object.entries(data)) {
    if (provider === "$schema") continue;
    if (providers && !providers.includes(provider)) {
      fail(provider, `unknown provider (expected one of ${providers.join(", ")})`);
    }
    if (!Array.isArray(list)) return fail(provider, "expected an array of clients");
    config[provider] = list.map((entry, i) => parseClient(entry, `${provider}[${i}]`, fail));
  }
  return config;
}

function parseClient(
  entry: unknown,
  where: string,
  fail: (where: string, message: string) => never,
): SandboxClient {
  if (!isObject(entry)) return fail(where, "expected an object with clientId and clientSecret");
  for (const key of Object.keys(entry)) {
    if (!["clientId", "clientSecret", "redirectUris"].includes(key)) fail(`${where}.${key}`, "unknown field");
  }
  const { clientId, clientSecret, redirectUris } = entry;
  if (typeof clientId !== "string" || clientId === "")
    fail(`${where}.clientId`, "must be a non-empty string");
  if (typeof clientSecret !== "string" || clientSecret === "") {
    fail(`${where}.clientSecret`, "must be a non-empty string");
  }
  const client: SandboxClient = { clientId: clientId as string, clientSecret: clientSecret as string };
  if (redirectUris !== undefined) {
    if (!Array.isArray(redirectUris) || !redirectUris.every((u) => typeof u === "string" && u !== "")) {
      fail(`${where}.redirectUris`, "must be an array of non-empty strings");
    }
    client.redirectUris = [...(redirectUris as string[])];
  }
  return client;
}

/** `provider:clientId:clientSecret` (the CLI's --client flag). The secret may contain ':'. */
export function parseClientFlag(
  value: string,
  providers?: readonly ProviderId[],
): { provider: ProviderId; client: SandboxClient } {
  const [provider, clientId, ...rest] = value.split(":");
  const clientSecret = rest.join(":");
  if (!provider || (providers && !providers.includes(provider)) || !clientId || !clientSecret) {
    const which = providers ? ` with provider one of ${providers.join(", ")}` : "";
    throw new ClientsConfigError(`--client expects <provider>:<clientId>:<clientSecret>${which}`);
  }
  return { provider, client: { clientId, clientSecret } };
}
