// Configuration is checked where it is given (construction and each call), only own properties are read from
// configuration, options and parameters (a polluted Object.prototype sends nothing elsewhere), and what the server
// sends in its Content-Type is scrubbed like the rest. Each case talks to real node:http servers on 127.0.0.1.
import { startTestServer, type TestServer } from "@x/test-utils/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  apiContext,
  type BasicClientConfig,
  callContext,
  callOperation,
  formBody,
  MemoryTokenStore,
  type OperationTableEntry,
  placeQuery,
  type RequestOptions,
  type TokenEndpoint,
  TokenManager,
} from "../src/index.js";
import { ProviderError, tokenOperation } from "./token-operation.js";

const SECRET = "client-secret-0123456789";
const CODE = "auth-code-0123456789";
const CREDENTIALS = { grant_type: "client_credentials", client_id: "id", client_secret: SECRET };
const TOKEN = { access_token: "at-0123456789", expires_in: 900 };
const FORM = { "application/x-www-form-urlencoded": formBody };

let server: TestServer;
let elsewhere: TestServer;
beforeAll(async () => {
  [server, elsewhere] = await Promise.all([startTestServer(), startTestServer()]);
});
afterAll(() => Promise.all([server.close(), elsewhere.close()]));
afterEach(() => {
  server.reset();
  elsewhere.reset();
});

const context = (config: BasicClientConfig = {}) =>
  callContext(config, { baseUrl: server.url, errorClass: ProviderError, bodySerializers: FORM });

function call(params: unknown, options?: unknown, config?: BasicClientConfig) {
  return callOperation(context(config), tokenOperation, params as object, options as RequestOptions);
}

describe("configuration checked at construction", () => {
  it.each([
    [{ timeout: 0 }, "timeout must be a positive integer of milliseconds (at most 2147483647), got 0"],
    [{ timeout: -5 }, "timeout must be a positive integer of milliseconds (at most 2147483647), got -5"],
    [
      { timeout: Number.NaN },
      "timeout must be a positive integer of milliseconds (at most 2147483647), got NaN",
    ],
    [
      { timeout: "30s" },
      'timeout must be a positive integer of milliseconds (at most 2147483647), got "30s"',
    ],
    [{ timeout: 1.5 }, "timeout must be a positive integer of milliseconds (at most 2147483647), got 1.5"],
    [
      { timeout: 2 ** 31 },
      "timeout must be a positive integer of milliseconds (at most 2147483647), got 2147483648",
    ],
    [{ maxResponseBytes: 0 }, "maxResponseBytes must be a positive integer, got 0"],
    [{ maxResponseBytes: Infinity }, "maxResponseBytes must be a positive integer, got Infinity"],
    [{ retry: { retries: -1 } }, "retry.retries must be an integer of 0 or more, got -1"],
    [{ retry: {} }, "retry.retries must be an integer of 0 or more, got undefined"],
    [{ retry: 3 }, "retry.retries must be an integer of 0 or more, got undefined"],
    [{ retry: { retries: 1, maxDelayMs: 0 } }, "retry.maxDelayMs must be a positive finite number, got 0"],
    [
      { retry: { retries: 1, maxDelayMs: Infinity } },
      "retry.maxDelayMs must be a positive finite number, got Infinity",
    ],
  ])("refuses %j with a TypeError naming the option", (config, message) => {
    expect(() => context(config as BasicClientConfig)).toThrow(new TypeError(message));
  });

  it("refuses a configuration that is not one plain object (a URL given positionally)", () => {
    expect(() => context(server.url as BasicClientConfig)).toThrow(
      new TypeError("the configuration must be a plain object"),
    );
  });

  it("takes every limit at its bounds", async () => {
    server.reply({ body: TOKEN });
    const limits = { timeout: 2 ** 31 - 1, maxResponseBytes: 1, retry: { retries: 0, maxDelayMs: 0.5 } };
    await expect(call(CREDENTIALS, undefined, { ...limits, maxResponseBytes: 10_000 })).resolves.toEqual(
      TOKEN,
    );
    expect(() => context(limits)).not.toThrow();
  });
});

describe("each call", () => {
  it("refuses a bad limit in the call's options before anything is sent", async () => {
    await expect(call(CREDENTIALS, { timeout: 0 })).rejects.toThrow(
      new TypeError("timeout must be a positive integer of milliseconds (at most 2147483647), got 0"),
    );
    await expect(call(CREDENTIALS, { retry: { retries: 1.5 } })).rejects.toThrow(
      new TypeError("retry.retries must be an integer of 0 or more, got 1.5"),
    );
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ["positional arguments, as the Python originals take them", ["client_credentials", "id", SECRET]],
    ["an array", [[["grant_type", "client_credentials"]]]],
    ["a URLSearchParams", [new URLSearchParams(CREDENTIALS)]],
    ["null", [null]],
    ["options that are not an object", [CREDENTIALS, "30000"]],
  ])("refuses %s with a TypeError before anything is sent", async (_case, args) => {
    const error = await (callOperation as (...values: unknown[]) => Promise<unknown>)(
      context(),
      tokenOperation,
      ...args,
    ).catch((reason: unknown) => reason);
    expect(error).toEqual(
      new TypeError("testprovider getToken takes an object of parameters and one of options"),
    );
    expect(JSON.stringify(String(error))).not.toContain(SECRET);
    expect(server.requests).toHaveLength(0);
  });

  it("takes a parameter object without a prototype", async () => {
    server.reply({ body: TOKEN });
    await expect(call(Object.assign(Object.create(null), CREDENTIALS))).resolves.toEqual(TOKEN);
  });
});

describe("the token manager's timing options", () => {
  const endpoint: TokenEndpoint = {
    provider: "testprovider",
    operation: "getToken",
    grant: "client_credentials",
    refusedCodes: [],
    fields: { accessToken: "access_token", expiresIn: "expires_in" },
    send: async () => TOKEN,
  };
  it.each([
    [
      { refreshMarginMs: -1 },
      "refreshMarginMs must be a positive integer of milliseconds (at most 2147483647), got -1",
    ],
    [
      { refreshTimeoutMs: 0 },
      "refreshTimeoutMs must be a positive integer of milliseconds (at most 2147483647), got 0",
    ],
    [
      { leaseTtlMs: "90s" },
      'leaseTtlMs must be a positive integer of milliseconds (at most 2147483647), got "90s"',
    ],
    [
      { leasePollMs: Number.NaN },
      "leasePollMs must be a positive integer of milliseconds (at most 2147483647), got NaN",
    ],
    [
      { refreshTimeoutMs: 30_000, leaseTtlMs: 30_000 },
      "leaseTtlMs must be longer than refreshTimeoutMs (30000 ms), got 30000",
    ],
    [
      { refreshTimeoutMs: 5_000, leaseTtlMs: 4_000 },
      "leaseTtlMs must be longer than refreshTimeoutMs (5000 ms), got 4000",
    ],
    [{ refreshQueue: 64 }, "refreshQueue must be a RefreshQueue, got 64"],
    [{ refreshQueue: {} }, "refreshQueue must be a RefreshQueue, got an object without run()"],
  ])("refuses %j at construction", (options, message) => {
    expect(() => new TokenManager(endpoint, { store: new MemoryTokenStore(), ...options } as never)).toThrow(
      new TypeError(message),
    );
  });

  it("takes the defaults and valid values", () => {
    expect(() => new TokenManager(endpoint)).not.toThrow();
    expect(
      () =>
        new TokenManager(endpoint, {
          refreshMarginMs: 60_000,
          refreshTimeoutMs: 500,
          leaseTtlMs: 1_500,
          leasePollMs: 20,
        }),
    ).not.toThrow();
  });
});

describe("a polluted Object.prototype", () => {
  const POLLUTED = [
    "baseUrl",
    "fetch",
    "headers",
    "timeout",
    "maxResponseBytes",
    "retry",
    "scope",
    "code",
  ] as const;
  let pollutedFetchCalls = 0;

  function pollute() {
    const values: Record<(typeof POLLUTED)[number], unknown> = {
      baseUrl: elsewhere.url,
      fetch: (input: RequestInfo | URL) => {
        pollutedFetchCalls++;
        return fetch(input);
      },
      headers: { "x-polluted": "1", authorization: "Bearer stolen" },
      timeout: 1,
      maxResponseBytes: 1,
      retry: { retries: 5 },
      scope: "polluted-scope",
      code: "polluted-code",
    };
    for (const key of POLLUTED)
      Object.defineProperty(Object.prototype, key, {
        value: values[key],
        configurable: true,
        writable: true,
        enumerable: true,
      });
  }
  const clean = () => {
    for (const key of POLLUTED) delete (Object.prototype as Record<string, unknown>)[key];
  };
  afterEach(clean);

  it("sends the call to the configured server only, with the caller's fields only", async () => {
    server.reply({ body: TOKEN });
    // Node's own sockets read some of these names too ("timeout" breaks its event emitters), so the prototype stays
    // polluted while the calls start: every read of configuration, options and parameters happens before the first
    // await, up to the fetch call itself.
    pollute();
    let calls: Promise<unknown>[];
    try {
      // A configuration without baseUrl (the spec's server) and one with it; options with no limits of their own.
      calls = [
        callOperation(context({}), tokenOperation, { ...CREDENTIALS }, {}),
        callOperation(context({ baseUrl: server.url }), tokenOperation, { ...CREDENTIALS }),
      ];
    } finally {
      clean();
    }
    expect(await Promise.all(calls)).toEqual([TOKEN, TOKEN]);
    expect(elsewhere.requests).toHaveLength(0);
    expect(pollutedFetchCalls).toBe(0);
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual(CREDENTIALS);
      expect(request.headers).not.toHaveProperty("x-polluted");
      expect(request.headers).not.toHaveProperty("authorization");
    }
  });

  it("sends no inherited parameter in the query of a query-only operation", async () => {
    server.reply({ body: TOKEN });
    const queryOperation: OperationTableEntry = {
      provider: "testprovider",
      sdkMethod: "getTokenByQuery",
      httpMethod: "GET",
      path: "/token",
      queryParams: ["client_id", "client_secret", "code", "grant_type", "scope"],
      accept: "application/json",
      successStatuses: [200],
    };
    const api = apiContext(
      { baseUrl: server.url },
      { baseUrl: undefined, errorClass: ProviderError, place: placeQuery },
    );
    pollute();
    let call: Promise<unknown>;
    try {
      call = callOperation(api, queryOperation, { ...CREDENTIALS });
    } finally {
      clean();
    }
    expect(await call).toEqual(TOKEN);
    expect(elsewhere.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.query).toEqual(CREDENTIALS);
  });

  it("does not take an inherited field as part of the success model", async () => {
    server.reply({ body: { expires_in: 900 } });
    Object.defineProperty(Object.prototype, "access_token", {
      value: "inherited",
      configurable: true,
      enumerable: true,
      writable: true,
    });
    try {
      await expect(call(CREDENTIALS)).rejects.toMatchObject({ kind: "invalid-response" });
    } finally {
      delete (Object.prototype as Record<string, unknown>).access_token;
    }
  });
});

describe("what the server sends is scrubbed", () => {
  it("scrubs the Content-Type in the error's contentType, headers and message", async () => {
    const reflected = `text/plain; echo=${CODE}; secret=${SECRET}`;
    server.reply({ status: 200, headers: { "content-type": reflected }, body: "not json" });
    const error = (await call({ ...CREDENTIALS, code: CODE }).catch(
      (reason: unknown) => reason,
    )) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.kind).toBe("invalid-json");
    expect(error.contentType).toBe("text/plain; echo=[redacted]; secret=[redacted]");
    expect(error.headers?.["content-type"]).toBe(error.contentType);
    for (const secret of [CODE, SECRET]) expect(JSON.stringify(error)).not.toContain(secret);
    expect(error.message).toContain("text/plain; echo=[redacted]");
  });

  it("scrubs the Content-Type named in an HTTP error's message", async () => {
    server.reply({
      status: 502,
      headers: { "content-type": `text/html; x=${SECRET}` },
      body: "<h1>bad gateway</h1>",
    });
    const error = (await call(CREDENTIALS).catch((reason: unknown) => reason)) as ProviderError;
    expect(error.kind).toBe("http");
    expect(error.message).toContain("a text/html; x=[redacted] body");
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });
});
