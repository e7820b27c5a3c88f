// The guarantees of a token call against hostile or broken servers: no redirects, a timeout, a size cap, validated
// results, retries that never resend a single-use grant (counted at the server), and errors a user can act on.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { closedPortUrl, startTestServer, type TestServer } from "@x/test-utils/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { callContext, callOperation, formBody, OAuthApiError, type RequestOptions } from "../src/index.js";
import { ProviderError, tokenOperation } from "./token-operation.js";

const SECRET = "client-secret-0123456789";
const FORM = { "application/x-www-form-urlencoded": formBody };
const CODE = "auth-code-0123456789";
const CREDENTIALS = { grant_type: "client_credentials", client_id: "id", client_secret: SECRET };
const CODE_GRANT = { grant_type: "authorization_code", client_id: "id", client_secret: SECRET, code: CODE };
const TOKEN = { access_token: "at-0123456789", expires_in: 900 };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => server.reset());

function call(params: object, options: RequestOptions = {}, baseUrl = server.url) {
  const config = { baseUrl };
  const context = callContext(config, { baseUrl, errorClass: ProviderError, bodySerializers: FORM });
  return callOperation(context, tokenOperation, params, options);
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    (value) => expect.fail(`expected a failure, got ${JSON.stringify(value)}`),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ProviderError);
  expect(error).toBeInstanceOf(OAuthApiError);
  for (const secret of [SECRET, CODE]) expect(JSON.stringify(error)).not.toContain(secret);
  return error as ProviderError;
}

/** A raw server for what the recording server cannot do: hold a response open, drip a body. */
async function rawServer(handler: (response: ServerResponse) => void) {
  let requests = 0;
  const raw = createServer((request, response) => {
    requests++;
    request.resume();
    handler(response);
  });
  await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(raw.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () => {
      raw.closeAllConnections();
      return new Promise<void>((resolve) => raw.close(() => resolve()));
    },
  };
}

describe("redirects", () => {
  it.each([301, 302, 303, 307, 308])("never follows a %i: nothing reaches the target", async (status) => {
    const target = await startTestServer();
    try {
      server.reply({ status, headers: { location: `${target.url}/steal?x=1` } });
      const error = await failure(call(CREDENTIALS));
      expect(error).toMatchObject({ kind: "redirect", status });
      expect(error.message).toBe(
        `testprovider getToken failed: HTTP ${status} ${error.message.match(/HTTP \d+ (.*) redirect/)?.[1]} redirect to ${target.url} not followed`,
      );
      expect(error.message).not.toContain("/steal");
      expect(target.requests).toHaveLength(0);
      expect(server.requests).toHaveLength(1);
    } finally {
      await target.close();
    }
  });
});

describe("timeouts", () => {
  it("bounds a server that never answers", async () => {
    const silent = await rawServer(() => {});
    try {
      const error = await failure(call(CREDENTIALS, { timeout: 200 }, silent.url));
      expect(error).toMatchObject({ kind: "timeout", status: 0 });
      expect(error.message).toBe("testprovider getToken failed: no complete response within 200 ms");
    } finally {
      await silent.close();
    }
  });

  it("bounds a body that drips one byte every 50 ms", async () => {
    const drip = await rawServer((response) => {
      response.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => response.write(" "), 50);
      response.on("close", () => clearInterval(timer));
    });
    try {
      const error = await failure(call(CREDENTIALS, { timeout: 300 }, drip.url));
      expect(error).toMatchObject({ kind: "timeout", status: 200 });
    } finally {
      await drip.close();
    }
  });

  it("bounds a custom fetch's body that ignores the signal", async () => {
    // A body that never sends a byte and never looks at the signal: only cancelling its reader ends the read.
    const config = {
      baseUrl: server.url,
      fetch: async () =>
        new Response(new ReadableStream({ start() {} }), { headers: { "content-type": "application/json" } }),
    };
    const context = callContext(config, {
      baseUrl: server.url,
      errorClass: ProviderError,
      bodySerializers: FORM,
    });
    const error = await failure(callOperation(context, tokenOperation, CREDENTIALS, { timeout: 100 }));
    expect(error).toMatchObject({ kind: "timeout", status: 200 });
  });

  it("composes with the caller's signal: an abort still wins before the timeout", async () => {
    const silent = await rawServer(() => {});
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort("stop"), 50);
      const error = await failure(
        call(CREDENTIALS, { timeout: 5_000, signal: controller.signal }, silent.url),
      );
      expect(error).toMatchObject({ kind: "aborted", cause: "stop" });
    } finally {
      await silent.close();
    }
  });
});

describe("the size cap", () => {
  it.each([200, 400])("stops reading a %i body at maxResponseBytes", async (status) => {
    server.reply({
      status,
      headers: { "content-type": "application/json" },
      body: `"${"x".repeat(300_000)}"`,
    });
    const error = await failure(call(CREDENTIALS, { maxResponseBytes: 100_000 }));
    expect(error).toMatchObject({ kind: "too-large", status });
    expect(error.message).toBe(`testprovider getToken failed: HTTP ${status} body over 100000 bytes`);
  });

  it("reads a body right at the cap", async () => {
    const body = JSON.stringify(TOKEN);
    server.reply({ headers: { "content-type": "application/json" }, body });
    await expect(call(CREDENTIALS, { maxResponseBytes: body.length })).resolves.toEqual(TOKEN);
  });
});

describe("validated results", () => {
  it.each([
    ["{}", "at access_token"],
    ["[1,2]", "not an object"],
    ["null", "not an object"],
    ['"token"', "not an object"],
    ['{"access_token":123,"expires_in":1}', "at access_token"],
    ['{"access_token":"a","expires_in":true}', "at expires_in"],
    ['{"access_token":"a","expires_in":1,"refresh_token":5}', "at refresh_token"],
    ['{"data":{"access_token":"a"}}', "at access_token"],
  ])("refuses %s as a token", async (body, where) => {
    server.reply({ headers: { "content-type": "application/json" }, body });
    const error = await failure(call(CREDENTIALS));
    expect(error).toMatchObject({ kind: "invalid-response", status: 200 });
    expect(error.message).toBe(
      `testprovider getToken failed: HTTP 200 OK with a body that is not the success model (${where})`,
    );
  });

  it.each([
    { access_token: "a", expires_in: 900 },
    { access_token: "a", expires_in: "900", refresh_token: null },
  ])("returns %j, which matches the success model", async (body) => {
    server.reply({ body });
    await expect(call(CREDENTIALS)).resolves.toEqual(body);
  });
});

describe("retries, counted at the server", () => {
  const retry = { retries: 2, maxDelayMs: 20 };

  it("are off by default", async () => {
    server.reply({ status: 503 });
    await failure(call(CREDENTIALS));
    expect(server.requests).toHaveLength(1);
  });

  it.each([429, 503])("retry a %i for a code grant too, honouring Retry-After", async (status) => {
    server.reply({ status, headers: { "retry-after": "0" } }, { body: TOKEN });
    await expect(call(CODE_GRANT, { retry })).resolves.toEqual(TOKEN);
    expect(server.requests).toHaveLength(2);
  });

  it("never resend an authorization code after a reset once it was sent", async () => {
    server.reply({ destroy: true }, { body: TOKEN });
    const error = await failure(call(CODE_GRANT, { retry }));
    expect(error.kind).toBe("network");
    expect(server.requests).toHaveLength(1);
  });

  it("never resend a refresh token after a 500 or a timeout", async () => {
    const refresh = {
      grant_type: "refresh_token",
      client_id: "id",
      client_secret: SECRET,
      refresh_token: CODE,
    };
    server.reply({ status: 500 }, { body: TOKEN });
    await failure(call(refresh, { retry }));
    expect(server.requests).toHaveLength(1);
    const silent = await rawServer(() => {});
    try {
      await failure(call(refresh, { retry, timeout: 100 }, silent.url));
      expect(silent.requests()).toBe(1);
    } finally {
      await silent.close();
    }
  });

  it("resend client_credentials after a reset and a 500, up to `retries` times", async () => {
    server.reply({ destroy: true }, { status: 500 }, { body: TOKEN });
    await expect(call(CREDENTIALS, { retry })).resolves.toEqual(TOKEN);
    expect(server.requests).toHaveLength(3);
    server.reset();
    server.reply({ status: 500 });
    await failure(call(CREDENTIALS, { retry }));
    expect(server.requests).toHaveLength(3);
  });

  it("retry a code grant whose connection was refused (it never left)", async () => {
    // Nothing listens, so the attempts are counted where they leave: a fetch that passes each one on.
    let attempts = 0;
    const baseUrl = await closedPortUrl();
    const config = {
      baseUrl,
      fetch: (input: RequestInfo | URL) => {
        attempts++;
        return fetch(input);
      },
    };
    const context = callContext(config, { baseUrl, errorClass: ProviderError, bodySerializers: FORM });
    const error = await failure(callOperation(context, tokenOperation, CODE_GRANT, { retry }));
    expect(error).toMatchObject({
      kind: "network",
      message: "testprovider getToken failed: no response (ECONNREFUSED)",
    });
    expect(attempts).toBe(3);
  });

  it("never send before a Retry-After longer than maxDelayMs: the 429 goes to the caller at once", async () => {
    server.reply({ status: 429, headers: { "retry-after": "3600" } }, { body: TOKEN });
    const error = await failure(call(CREDENTIALS, { retry: { retries: 1, maxDelayMs: 10 } }));
    expect(error).toMatchObject({ kind: "http", status: 429, retryAfter: 3600 });
    expect(server.requests).toHaveLength(1);
  });

  it("never send before a Retry-After longer than a timer can wait, however long maxDelayMs is", async () => {
    // 30 days is past 2^31 - 1 ms: a timer set for it would fire at once.
    server.reply({ status: 429, headers: { "retry-after": "2592000" } }, { body: TOKEN });
    const error = await failure(call(CREDENTIALS, { retry: { retries: 1, maxDelayMs: 1e12 } }));
    expect(error).toMatchObject({ kind: "http", status: 429, retryAfter: 2_592_000 });
    expect(server.requests).toHaveLength(1);
  });
});

describe("errors a user can act on", () => {
  it("carry the headers without set-cookie, retryAfter in seconds and the code and description", async () => {
    const date = new Date(Date.now() + 120_000).toUTCString();
    server.reply({
      status: 429,
      headers: { "retry-after": date, "set-cookie": "session=abc", "x-request-id": "r-1" },
      body: { error: "slow_down", error_description: "too many" },
    });
    const error = await failure(call(CREDENTIALS));
    expect(error.headers?.["x-request-id"]).toBe("r-1");
    expect(error.headers).not.toHaveProperty("set-cookie");
    expect(error.retryAfter).toBeGreaterThanOrEqual(118);
    expect(error.retryAfter).toBeLessThanOrEqual(120);
    expect(error).toMatchObject({ kind: "http", status: 429, code: "slow_down", description: "too many" });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      message: "testprovider getToken failed: HTTP 429 Too Many Requests: slow_down too many",
      kind: "http",
      status: 429,
    });
  });

  it("scrub what the server sent, never our own words, even for a one-letter secret", async () => {
    server.reply({ status: 400, body: { error: "invalid_grant", error_description: "bad code a" } });
    const error = await failure(call({ ...CODE_GRANT, code: "a" }));
    // "failed" and "getToken" keep their "a"; every "a" the server sent (status text, code, description) is gone.
    expect(error.message).toBe(
      "testprovider getToken failed: HTTP 400 B[redacted]d Request: inv[redacted]lid_gr[redacted]nt b[redacted]d code [redacted]",
    );
  });

  it("keep a custom fetch's failure as the cause, without a secret in it", async () => {
    const config = {
      baseUrl: server.url,
      fetch: async (input: RequestInfo | URL) => {
        throw new Error(`proxy says no to ${input instanceof Request ? await input.text() : String(input)}`);
      },
    };
    const context = callContext(config, {
      baseUrl: server.url,
      errorClass: ProviderError,
      bodySerializers: FORM,
    });
    const error = await failure(callOperation(context, tokenOperation, CODE_GRANT));
    expect(error.kind).toBe("network");
    expect((error.cause as Error).message).toMatch(/^proxy says no to /);
    expect(String((error.cause as Error).message)).not.toContain(CODE);
  });
});
