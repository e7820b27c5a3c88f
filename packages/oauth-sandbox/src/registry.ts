// The clients each provider knows, and client authentication.
import { timingSafeEqual } from "node:crypto";
import type { ClientsConfig, SandboxClient } from "./clients.js";
import type { ProviderId } from "./spec.js";

export type Authentication =
  | { ok: true; client: SandboxClient }
  | { ok: false; reason: "unknown-client" | "wrong-secret" };

export class ClientRegistry {
  readonly #byProvider = new Map<ProviderId, Map<string, SandboxClient>>();
  /** each client's secret as bytes, encoded when it is registered rather than at every authentication */
  readonly #secrets = new WeakMap<SandboxClient, Buffer>();

  constructor(config: ClientsConfig = {}) {
    for (const [provider, clients] of Object.entries(config)) {
      for (const client of clients ?? []) this.add(provider, client);
    }
  }

  add(provider: ProviderId, client: SandboxClient): void {
    const copy: SandboxClient = { clientId: client.clientId, clientSecret: client.clientSecret };
    if (client.redirectUris) copy.redirectUris = [...client.redirectUris];
    this.#secrets.set(copy, Buffer.from(copy.clientSecret, "utf8"));
    this.#clients(provider).set(client.clientId, copy);
  }

  get(provider: ProviderId, clientId: string): SandboxClient | undefined {
    return this.#clients(provider).get(clientId);
  }

  list(provider: ProviderId): SandboxClient[] {
    return [...this.#clients(provider).values()];
  }

  authenticate(provider: ProviderId, clientId: string, clientSecret: string): Authentication {
    const client = this.get(provider, clientId);
    if (!client) return { ok: false, reason: "unknown-client" };
    const given = Buffer.from(clientSecret, "utf8");
    const expected = this.#secrets.get(client) ?? Buffer.from(client.clientSecret, "utf8");
    const same = given.length === expected.length && timingSafeEqual(given, expected);
    return same ? { ok: true, client } : { ok: false, reason: "wrong-secret" };
  }

  /** Whether a client may use this redirect URI (clients without a list accept any). */
  allowsRedirect(client: SandboxClient, redirectUri: string): boolean {
    return !client.redirectUris || client.redirectUris.includes(redirectUri);
  }

  #clients(provider: ProviderId): Map<string, SandboxClient> {
    let clients = this.#byProvider.get(provider);
    if (!clients) {
      clients = new Map();
      this.#byProvider.set(provider, clients);
    }
    return clients;
  }
}
