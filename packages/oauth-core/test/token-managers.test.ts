// TokenManagers: many accounts, a bounded number of managers in memory, least recently used dropped first, never a
// busy one; against a real rotating token endpoint on 127.0.0.1 that refuses a spent refresh token.
import { type RecordedRequest, startTestServer, type TestServer } from "@x/test-utils/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  MemoryTokenStore,
  RefreshQueue,
  type TokenEndpoint,
  TokenManager,
  TokenManagers,
  tokenSetFromResult,
} from "../src/index.js";

const FIELDS = { accessToken: "access_token", expiresIn: "expires_in", refreshToken: "refresh_token" };

let server: TestServer;
/** Live refresh tokens; a spent one is refused. */
let live: Set<string>;
let issued: number;
const presented: string[] = [];

const issue = () => {
  issued++;
  live.add(`rt-${issued}`);
  return { access_token: `at-${issued}`, refresh_token: `rt-${issued}`, expires_in: 3600 };
};

beforeEach(async () => {
  server = await startTestServer();
  live = new Set();
  issued = 0;
  presented.length = 0;
  server.reply((request: RecordedRequest) => {
    const token = new URLSearchParams(request.body).get("refresh_token") ?? "";
    presented.push(token);
    return live.delete(token) ? { body: issue() } : { status: 400, body: { error: "invalid_grant" } };
  });
});
afterEach(() => server.close());

/** The endpoint; `gate`, when given, holds every request until it resolves. */
function endpoint(gate?: Promise<void>): TokenEndpoint {
  return {
    provider: "test",
    operation: "refresh",
    grant: "refresh_token",
    refusedCodes: ["invalid_grant"],
    fields: FIELDS,
    async send(current, signal) {
      await gate;
      const body = new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: current?.refreshToken ?? "",
      });
      const response = await fetch(server.url, { method: "POST", body, signal });
      if (!response.ok) throw new Error(`refresh failed with ${response.status}`);
      return response.json();
    },
  };
}

/** `accounts` expired token sets in one store. */
async function seededStore(accounts: number): Promise<MemoryTokenStore> {
  const store = new MemoryTokenStore();
  for (let i = 0; i < accounts; i++)
    await store.compareAndSet(`acct-${i}`, 0, tokenSetFromResult(issue(), FIELDS, { requestedAt: 0 }));
  return store;
}

describe("TokenManagers", () => {
  it("one manager per key while in memory; least recently used dropped first", async () => {
    const store = await seededStore(0);
    const managers = new TokenManagers((key) => new TokenManager(endpoint(), { store, key }), 2);
    const a = managers.get("a");
    expect(managers.get("a")).toBe(a);
    const b = managers.get("b");
    expect(managers.get("a")).toBe(a); // a used last: b is the least recent
    managers.get("c");
    expect(managers.size).toBe(2);
    expect(managers.get("a")).toBe(a);
    expect(managers.get("b")).not.toBe(b); // b was dropped: a new manager
    expect(() => new TokenManagers(() => a, 0)).toThrow(/maxManagers must be a positive integer/);
  });

  it("never drops a manager with a refresh in flight: its callers share it with later ones", async () => {
    const store = await seededStore(3);
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const managers = new TokenManagers((key) => new TokenManager(endpoint(gate), { store, key }), 1);
    const busy = managers.get("acct-0");
    const first = busy.getAccessToken();
    await new Promise((resolve) => setTimeout(resolve, 20)); // the refresh has started, held at the gate
    expect(busy.busy).toBe(true);
    managers.get("acct-1");
    managers.get("acct-2");
    expect(managers.get("acct-0")).toBe(busy); // kept while busy, over the bound
    const second = managers.get("acct-0").getAccessToken();
    open();
    expect(await Promise.all([first, second])).toEqual(["at-4", "at-4"]);
    expect(busy.busy).toBe(false);
    expect(presented).toEqual(["rt-1"]);
    managers.get("acct-1");
    expect(managers.size).toBe(1);
  });

  it("1,000 expired accounts, 2 collections of at most 100 managers on one store: one refresh per account", async () => {
    const accounts = 1_000;
    const store = await seededStore(accounts);
    const collections = [0, 1].map(
      () => new TokenManagers((key) => new TokenManager(endpoint(), { store, key, leasePollMs: 5 }), 100),
    );
    let maxSize = 0;
    for (let start = 0; start < accounts; start += 50) {
      const batch = Array.from({ length: 50 }, (_, i) => `acct-${start + i}`);
      // Both collections ask every account of the batch, twice each, at once.
      const tokens = await Promise.all(
        batch.flatMap((key) =>
          collections.flatMap((managers) =>
            [managers.get(key), managers.get(key)].map((m) => m.getAccessToken()),
          ),
        ),
      );
      for (let i = 0; i < batch.length; i++) expect(new Set(tokens.slice(i * 4, i * 4 + 4)).size).toBe(1);
      maxSize = Math.max(maxSize, ...collections.map((managers) => managers.size));
    }
    expect(presented.length).toBe(accounts); // one refresh request per account
    expect(new Set(presented).size).toBe(accounts); // no refresh token sent twice
    expect(maxSize).toBeLessThanOrEqual(100);
    // An account dropped from memory reads the store again: no second refresh.
    expect(await collections[0]?.get("acct-0").getAccessToken()).toBe(
      (await store.get("acct-0")).tokenSet?.accessToken,
    );
    expect(presented.length).toBe(accounts);
  }, 60_000);

  it("a shared RefreshQueue: at most so many refreshes at once, the others wait their turn without the store", async () => {
    const accounts = 40;
    const store = await seededStore(accounts);
    const read = new Set<string>();
    const get = store.get.bind(store);
    store.get = (key) => {
      read.add(key);
      return get(key);
    };
    const queue = new RefreshQueue(4);
    let sending = 0;
    let most = 0;
    const plain = endpoint();
    const counted: TokenEndpoint = {
      ...plain,
      async send(current, signal) {
        most = Math.max(most, ++sending);
        try {
          await new Promise((resolve) => setTimeout(resolve, 10));
          return await plain.send(current, signal);
        } finally {
          sending--;
        }
      },
    };
    const managers = new TokenManagers(
      (key) => new TokenManager(counted, { store, key, refreshQueue: queue }),
      accounts,
    );
    const asks = Array.from({ length: accounts }, (_, i) => managers.get(`acct-${i}`).getAccessToken());
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect([queue.running, queue.waiting]).toEqual([4, accounts - 4]);
    expect(read.size).toBe(4); // only the running ones have read the store
    const tokens = await Promise.all(asks);
    expect(most).toBe(4);
    expect(new Set(tokens).size).toBe(accounts);
    expect(presented.length).toBe(accounts);
    expect([queue.running, queue.waiting]).toEqual([0, 0]);
    expect(() => new RefreshQueue(0)).toThrow(/maxAtOnce must be a positive integer/);
  });
});
