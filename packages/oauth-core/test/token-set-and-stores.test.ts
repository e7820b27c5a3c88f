// toTokenSet's rules, the stores' compare-and-set, and the file store's atomic, private writes.
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  buildAuthorizationUrl,
  DEFAULT_TOKEN_LIFETIME_MS,
  FileTokenStore,
  MemoryTokenStore,
  type TokenSet,
  type TokenStore,
  TokenStoreError,
  tokenSetFromResult,
} from "../src/index.js";

const FIELDS = {
  accessToken: "data.access_token",
  expiresIn: "data.expires_in",
  refreshToken: "data.refresh_token",
  refreshTokenLifetime: 2_592_000,
  scope: "data.scope",
  scopeSeparator: ",",
  extra: ["data.open_id"],
};
const SENT = 1_700_000_000_000;

describe("tokenSetFromResult", () => {
  it("counts expiry from when the request was sent; a numeric string works; extra fields are kept", () => {
    const raw = {
      data: {
        access_token: "a",
        expires_in: "1296000",
        refresh_token: "r",
        scope: "user_info,video.list",
        open_id: "u1",
      },
    };
    const set = tokenSetFromResult(raw, FIELDS, { requestedAt: SENT });
    expect(set).toEqual({
      accessToken: "a",
      tokenType: "Bearer",
      expiresAt: SENT + 1_296_000_000,
      refreshToken: "r",
      refreshTokenExpiresAt: SENT + 2_592_000_000,
      scopes: ["user_info", "video.list"],
      extra: { open_id: "u1" },
      raw,
    });
  });

  it("no expiry in the answer: the default lifetime, never 'does not expire'", () => {
    expect(tokenSetFromResult({ data: { access_token: "a" } }, FIELDS, { requestedAt: SENT }).expiresAt).toBe(
      SENT + DEFAULT_TOKEN_LIFETIME_MS,
    );
    expect(
      tokenSetFromResult({ data: { access_token: "a" } }, FIELDS, {
        requestedAt: SENT,
        defaultLifetimeMs: 5000,
      }).expiresAt,
    ).toBe(SENT + 5000);
    const documented = { ...FIELDS, accessTokenLifetime: 900 };
    expect(
      tokenSetFromResult({ data: { access_token: "a" } }, documented, { requestedAt: SENT }).expiresAt,
    ).toBe(SENT + 900_000);
  });

  it("a refresh answer without a refresh token keeps the previous one and its expiry", () => {
    const previous = tokenSetFromResult({ data: { access_token: "a", refresh_token: "r" } }, FIELDS, {
      requestedAt: SENT,
    });
    const renewed = tokenSetFromResult({ data: { access_token: "b", expires_in: 60 } }, FIELDS, {
      requestedAt: SENT + 1000,
      previous,
    });
    expect(renewed.refreshToken).toBe("r");
    expect(renewed.refreshTokenExpiresAt).toBe(previous.refreshTokenExpiresAt);
  });

  it("refuses an answer without an access token", () => {
    expect(() => tokenSetFromResult({ data: {} }, FIELDS)).toThrow(/no access token/);
  });
});

describe("buildAuthorizationUrl", () => {
  it("uses the provider's parameter names and a random state by default", () => {
    const flow = {
      authorizationUrl: "https://id.example.test/authorize/",
      parameterNames: { client_id: "client_key" },
      scopeSeparator: ",",
    };
    const first = buildAuthorizationUrl(flow, {
      clientId: "app",
      redirectUri: "https://app.test/cb",
      scopes: ["a", "b"],
    });
    const url = new URL(first.url);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_key: "app",
      redirect_uri: "https://app.test/cb",
      scope: "a,b",
      state: first.state,
    });
    expect(first.state).toMatch(/^[0-9a-f]{32}$/);
    expect(buildAuthorizationUrl(flow, { clientId: "app" }).state).not.toBe(first.state);
  });
});

const tokenSet = (accessToken: string): TokenSet => ({
  accessToken,
  tokenType: "Bearer",
  expiresAt: SENT,
  refreshToken: `secret-refresh-${accessToken}`,
  scopes: [],
  extra: {},
  raw: {},
});

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});
const tempFile = () => {
  dir = mkdtempSync(join(tmpdir(), "token-store-"));
  return join(dir, "tokens.json");
};

describe.each([
  ["MemoryTokenStore", () => new MemoryTokenStore()],
  ["FileTokenStore", () => new FileTokenStore({ path: tempFile() })],
] as [string, () => TokenStore][])("%s", (_name, create) => {
  it("compare-and-set: a writer holding an older version cannot overwrite a newer token set", async () => {
    const store = create();
    expect(await store.get("k")).toEqual({ tokenSet: undefined, version: 0 });
    expect(await store.compareAndSet("k", 0, tokenSet("a"))).toBe(1);
    expect(await store.compareAndSet("k", 1, tokenSet("b"))).toBe(2);
    expect(await store.compareAndSet("k", 1, tokenSet("stale"))).toBeUndefined();
    expect((await store.get("k")).tokenSet?.accessToken).toBe("b");
    expect(await store.compareAndSet("k", 2, undefined)).toBe(3); // cleared; the version keeps growing
    expect(await store.get("k")).toEqual({ tokenSet: undefined, version: 3 });
    expect((await store.get("other")).version).toBe(0);
  });

  it("the lease has one holder until released or lapsed; its fence grows and fences writes", async () => {
    const store = create();
    const lease = await store.acquireLease?.("k", 10_000, 0);
    expect(lease?.fence).toBe(1);
    expect(await store.acquireLease?.("k", 10_000, 0)).toBeUndefined();
    expect(await lease?.extend(10_000)).toBe(true);
    await lease?.release();
    const next = await store.acquireLease?.("k", 1, 0);
    expect(next?.fence).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await next?.extend(1000)).toBe(true); // lapsed, but nobody took it: still its holder's
    await new Promise((resolve) => setTimeout(resolve, 1005));
    const third = await store.acquireLease?.("k", 1000, 0);
    expect(third?.fence).toBe(3);
    expect(await next?.extend(1000)).toBe(false);
    expect(await next?.confirm(1000)).toBe(false);
    // A write under a lease that was taken over is refused; the current holder's goes through.
    expect(await store.compareAndSet("k", 0, tokenSet("old"), { fence: 2 })).toBeUndefined();
    expect(await store.compareAndSet("k", 0, tokenSet("new"), { fence: 3 })).toBe(1);
  });

  it("a refresh marked as sent under a lapsed lease blocks others until takeOverAfterMs, or until written", async () => {
    const store = create();
    await store.compareAndSet("k", 0, tokenSet("a"));
    const holder = await store.acquireLease?.("k", 20, 300);
    expect(await holder?.confirm(20)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 40)); // the lease lapses; the refresh is still marked
    expect(await store.acquireLease?.("k", 1000, 300)).toBeUndefined();
    expect(await store.compareAndSet("k", 1, tokenSet("b"), { fence: holder?.fence })).toBe(2);
    const next = await store.acquireLease?.("k", 20, 300); // written: the mark is gone
    expect(next?.fence).toBe((holder?.fence ?? 0) + 1);
    expect(await next?.confirm(20)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 350)); // a holder silent for longer is taken over
    expect(await store.acquireLease?.("k", 1000, 300)).toBeDefined();
  });

  it("a refused token set is kept as a tombstone until a new set is written", async () => {
    const store = create();
    await store.compareAndSet("k", 0, tokenSet("a"));
    const refused = {
      tokenSet: tokenSet("a"),
      refusedAt: 1,
      error: { provider: "p", operation: "o", status: 400, code: "invalid_grant" },
    };
    expect(await store.compareAndSet("k", 1, undefined, { refused })).toBe(2);
    expect(await store.get("k")).toEqual({ tokenSet: undefined, version: 2, refused });
    await store.compareAndSet("k", 2, tokenSet("b"));
    expect((await store.get("k")).refused).toBeUndefined();
  });
});

describe("FileTokenStore", () => {
  it("writes by rename with mode 0600, leaving no temporary file", async () => {
    const path = tempFile();
    const store = new FileTokenStore({ path });
    await Promise.all([
      store.compareAndSet("a", 0, tokenSet("a")),
      store.compareAndSet("b", 0, tokenSet("b")),
    ]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(path, ".."))).toEqual(["tokens.json"]);
    expect(JSON.parse(readFileSync(path, "utf8")).b.tokenSet.accessToken).toBe("b");
    expect((await new FileTokenStore({ path }).get("a")).version).toBe(1);
  });

  it("keys are data: __proto__ and constructor are stored and read back like any other", async () => {
    const path = tempFile();
    const store = new FileTokenStore({ path });
    for (const key of ["__proto__", "constructor", "toString"]) {
      expect(await store.compareAndSet(key, 0, tokenSet(key))).toBe(1);
      expect(await store.compareAndSet(key, 1, tokenSet(`${key}-2`))).toBe(2);
    }
    const fresh = new FileTokenStore({ path });
    for (const key of ["__proto__", "constructor", "toString"])
      expect(await fresh.get(key)).toMatchObject({ version: 2, tokenSet: { accessToken: `${key}-2` } });
    expect(Object.keys(JSON.parse(readFileSync(path, "utf8")))).toEqual([
      "__proto__",
      "constructor",
      "toString",
    ]);
  });

  it("a malformed entry is a TokenStoreError naming the key, never a loop", async () => {
    const path = tempFile();
    for (const entry of ["{}", '{"version": -1}', '{"version": 1, "tokenSet": {"accessToken": 7}}', "[]"]) {
      writeFileSync(path, `{"k": ${entry}}`);
      const store = new FileTokenStore({ path });
      await expect(store.get("k")).rejects.toThrow(/entry of key "k" is malformed/);
      await expect(store.compareAndSet("k", 0, tokenSet("a"))).rejects.toBeInstanceOf(TokenStoreError);
    }
  });

  it("a stale lockfile (a writer that died holding it) is taken over", async () => {
    const path = tempFile();
    mkdirSync(`${path}.lock`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock`, old, old);
    expect(await new FileTokenStore({ path }).compareAndSet("k", 0, tokenSet("a"))).toBe(1);
    expect(readdirSync(join(path, ".."))).toEqual(["tokens.json"]);
  });

  it("its errors name the file, never its content", async () => {
    const path = tempFile();
    writeFileSync(path, '{"k": {"tokenSet": {"refreshToken": "secret-refresh-x"}, "version": 1');
    const error = await new FileTokenStore({ path }).get("k").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenStoreError);
    expect(String((error as Error).message)).toContain(path);
    expect(String((error as Error).message)).not.toContain("secret");
    const unwritable = new FileTokenStore({ path: join(path, "..", "missing", "tokens.json") });
    await expect(unwritable.compareAndSet("k", 0, tokenSet("x"))).rejects.toThrow(/token file .*ENOENT/);
  });
});
