// How many token requests each provider received, per operation: what tests read to prove "exactly one refresh".
import type { ProviderId } from "./spec.js";

export interface ProviderRequestCounts {
  /** every request that reached one of the provider's spec operations, valid or not */
  total: number;
  /** per name: the `x-sdk-methods` entry the request picked, else the spec's operationId */
  operations: Record<string, number>;
}

export class RequestCounts {
  readonly #byProvider = new Map<ProviderId, ProviderRequestCounts>();

  /** Counts one request under `name` (counted when it arrives, before it is served). */
  add(provider: ProviderId, name: string): void {
    let counts = this.#byProvider.get(provider);
    if (!counts) {
      counts = { total: 0, operations: {} };
      this.#byProvider.set(provider, counts);
    }
    counts.total++;
    counts.operations[name] = (counts.operations[name] ?? 0) + 1;
  }

  /** Requests of one provider under one name, or all of its token requests without a name. */
  count(provider: ProviderId, name?: string): number {
    const counts = this.#byProvider.get(provider);
    if (!counts) return 0;
    return name === undefined ? counts.total : (counts.operations[name] ?? 0);
  }

  /** A copy, keyed by provider (providers without requests included as zero). */
  snapshot(providers: readonly ProviderId[]): Record<string, ProviderRequestCounts> {
    return Object.fromEntries(
      providers.map((provider) => {
        const counts = this.#byProvider.get(provider);
        return [provider, { total: counts?.total ?? 0, operations: { ...counts?.operations } }];
      }),
    );
  }

  reset(): void {
    this.#byProvider.clear();
  }
}
