// Races over real sockets: one code exchanged twice at once, and 200 clients at once, nothing crossed or lost.
// Requests go through the provider packages, so the wire format is the one the specs define.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../src/index.js";
import { PROVIDERS, type Provider, SPECS_DIR } from "./helpers.js";
import { type IssuedTokens, providerClient, REFUSED, rejectionOf } from "./provider-clients.js";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ specsDir: SPECS_DIR });
});
afterAll(() => sb.close());

const REDIRECT = "https://app.example.test/callback";

/** Resolved tokens, or the package error's code. */
async function settle(promise: Promise<IssuedTokens>): Promise<IssuedTokens | { refused: unknown }> {
  const error = await rejectionOf(promise);
  return error === undefined ? await promise : { refused: error.code };
}

describe("two simultaneous exchanges of one code", () => {
  it.each(PROVIDERS)("%s: exactly one succeeds, the other is refused", async (provider) => {
    const [client] = sb.clients(provider);
    if (!client) throw new Error(`no ${provider} client`);
    const api = providerClient(sb, provider, client);
    for (let round = 0; round < 10; round++) {
      const { code } = await sb.issueCode(provider, { redirectUri: REDIRECT });
      const results = await Promise.all([
        settle(api.exchange(code, REDIRECT)),
        settle(api.exchange(code, REDIRECT)),
      ]);
      const wins = results.filter((r) => "access" in r && r.access !== undefined);
      expect(wins).toHaveLength(1);
      // Refused in the provider's own way.
      expect(results.find((r) => "refused" in r)).toEqual({ refused: REFUSED[provider].code });
    }
  });
});

describe("200 concurrent clients", () => {
  it("each gets its own tokens, bound to its own client and user, and each refresh finds its own grant", async () => {
    const flows = Array.from({ length: 200 }, (_, i) => {
      const provider = PROVIDERS[i % PROVIDERS.length] as Provider;
      const client = { clientId: `load-${provider}-${i}`, clientSecret: `load-secret-${i}` };
      sb.registerClient(provider, client);
      return { provider, client, user: `user-${i}`, api: providerClient(sb, provider, client) };
    });

    const results = await Promise.all(
      flows.map(async (flow) => {
        const issued = await sb.issueCode(flow.provider, {
          clientId: flow.client.clientId,
          user: flow.user,
          redirectUri: REDIRECT,
        });
        const first = await flow.api.exchange(issued.code, REDIRECT);
        const second = await flow.api.refresh(first.refresh ?? "");
        return { flow, first, second };
      }),
    );

    for (const { flow, first, second } of results) {
      expect(second.access, `${flow.client.clientId} refresh`).toBeDefined();
      // The sandbox's record of each token names the client and user that asked for it.
      for (const token of [first.access, first.refresh, second.access, second.refresh]) {
        const seen = sb.introspect(flow.provider, token ?? "");
        // Rotation: the first refresh token is spent by the refresh.
        if (token === first.refresh && (flow.provider === "avito" || flow.provider === "criteo")) {
          expect(seen.active).toBe(false);
          continue;
        }
        expect(seen).toMatchObject({ active: true, client_id: flow.client.clientId, sub: flow.user });
      }
    }
    // Nothing crossed: no token was handed to two flows.
    expect(new Set(results.map((r) => r.first.access)).size).toBe(200);
    expect(new Set(results.map((r) => r.first.refresh)).size).toBe(200);
  });
});
