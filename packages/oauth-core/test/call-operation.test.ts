import { closedPortUrl, requestSnapshot, startTestServer, type TestServer } from "@x/test-utils/server";
import { createQuerySerializer } from "openapi-fetch";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  apiContext,
  basicAuthorization,
  type CallContext,
  callContext,
  callOperation,
  createClientOptions,
  formBody,
  OAuthApiError,
  type OperationTableEntry,
  placeFields,
  placeQuery,
  scalarQuerySerializer,
} from "../src/index.js";

class TestProviderError extends OAuthApiError<{ error?: string; error_description?: string }> {
  static override errorName = "TestProviderError";
}

const queryOperation: OperationTableEntry = {
  provider: "testprovider",
  sdkMethod: "tokenGet",
  httpMethod: "GET",
  path: "/oauth/access_token/",
  queryParams: ["client_key", "client_secret", "code", "grant_type"],
  headerParams: [],
  pathParams: [],
  accept: "application/json",
  defaults: { grant_type: "authorization_code" },
  successStatuses: [200],
  errorFields: {},
  errorInBody: { code: "data.error_code", message: "data.description", successCodes: [0, "0"] },
};

const formOperation: OperationTableEntry = {
  provider: "testprovider",
  sdkMethod: "getToken",
  httpMethod: "POST",
  path: "/oauth2/token",
  queryParams: [],
  headerParams: [],
  pathParams: [],
  requestMediaType: "application/x-www-form-urlencoded",
  accept: "text/plain, application/json, text/json",
  defaults: {},
  successStatuses: [200],
  errorFields: {
    "400": { code: "error", message: "error_description" },
    "401": { code: "error", message: "error_description" },
  },
};

const basicOperation: OperationTableEntry = {
  ...formOperation,
  sdkMethod: "oauthToken",
  path: "/oauth/token",
  accept: "application/json",
  security: ["client_secret_basic"],
  errorFields: { default: { code: "code", message: "message" } },
};

const SECRET = "s3cret-value";
const CODE = "c0de-value-123";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function context(
  options: {
    baseUrl?: string;
    credentials?: { clientId?: string; clientSecret?: string };
    headers?: Record<string, string>;
  } = {},
): CallContext<TestProviderError> {
  const config = { baseUrl: options.baseUrl ?? server.url, headers: options.headers, ...options.credentials };
  // A spec whose operations differ: each is sent as it says, HTTP Basic where it asks for it.
  return callContext(config, {
    baseUrl: "https://unused.example",
    errorClass: TestProviderError,
    ...(options.credentials || options.headers ? { auth: basicAuthorization } : {}),
    querySerializer: createQuerySerializer(),
    bodySerializers: { "application/x-www-form-urlencoded": formBody },
  });
}

async function failure(promise: Promise<unknown>): Promise<TestProviderError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TestProviderError);
  expect(error).toBeInstanceOf(OAuthApiError);
  const typed = error as TestProviderError;
  expect(typed.name).toBe("TestProviderError");
  for (const secret of [SECRET, CODE]) expect(typed.message).not.toContain(secret);
  return typed;
}

describe("request wire format", () => {
  it("sends query parameters for a GET, fills in defaults, sends no body and no Content-Type", async () => {
    server.reply({ body: { data: { error_code: 0, access_token: "act.fake" } } });
    const result = await callOperation(context(), queryOperation, {
      client_key: "key",
      client_secret: SECRET,
      code: CODE,
    });
    expect(result).toEqual({ data: { error_code: 0, access_token: "act.fake" } });
    const [request] = server.requests;
    expect(request?.query).toEqual({
      client_key: "key",
      client_secret: SECRET,
      code: CODE,
      grant_type: "authorization_code",
    });
    expect(request?.headers["content-type"]).toBeUndefined();
    expect(request?.body).toBe("");
    expect(requestSnapshot(server.lastRequest())).toMatchInlineSnapshot(`
      {
        "body": "",
        "headers": {
          "accept": "application/json",
        },
        "method": "GET",
        "url": "/oauth/access_token/?client_key=key&client_secret=[redacted]&code=[redacted]&grant_type=authorization_code",
      }
    `);
  });

  it("places a query-only spec's fields with placeQuery exactly as placeFields does, sending no other field", async () => {
    const fields = {
      grant_type: "authorization_code",
      code: "a b&c=d/é",
      client_key: "key",
      client_secret: null,
      not_a_parameter: "dropped",
    };
    const urls: string[] = [];
    for (const place of [placeQuery, placeFields]) {
      server.reply({ body: { data: { error_code: 0 } } });
      const api = apiContext(
        { baseUrl: server.url },
        { baseUrl: undefined, errorClass: TestProviderError, place, querySerializer: scalarQuerySerializer },
      );
      await callOperation(api, queryOperation, fields);
      urls.push(server.lastRequest().url);
    }
    // Sorted, the absent one left out, percent-encoded as openapi-fetch does, and nothing the operation does not list.
    expect(urls[0]).toBe(
      "/oauth/access_token/?client_key=key&code=a%20b%26c%3Dd%2F%C3%A9&grant_type=authorization_code",
    );
    expect(urls[1]).toBe(urls[0]);
  });

  it("refuses a nested value for a query parameter before anything is sent", async () => {
    const api = apiContext(
      { baseUrl: server.url },
      { baseUrl: undefined, errorClass: TestProviderError, place: placeQuery },
    );
    const error = await callOperation(api, queryOperation, {
      client_key: "key",
      client_secret: SECRET,
      code: { value: CODE },
    }).catch((reason: unknown) => reason);
    // openapi-fetch's serializePrimitiveParam refuses it, as its query serializer does; no value is in the message.
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/nested/i);
    for (const secret of [SECRET, CODE]) expect((error as Error).message).not.toContain(secret);
    expect(server.requests).toHaveLength(0);
  });

  it("lets the caller override a default", async () => {
    server.reply({ body: { data: { error_code: 0 } } });
    await callOperation(context(), queryOperation, {
      client_key: "k",
      client_secret: "s",
      code: "c",
      grant_type: "other",
    });
    expect(server.requests[0]?.query.grant_type).toBe("other");
  });

  it("sends a form body with exactly the form content type, skipping absent fields", async () => {
    server.reply({ body: { access_token: "t" } });
    await callOperation(context(), formOperation, {
      grant_type: "client_credentials",
      client_id: "id",
      client_secret: SECRET,
      code: undefined,
      redirect_uri: undefined,
    });
    const [request] = server.requests;
    expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(request?.body).toBe(`client_id=id&client_secret=${SECRET}&grant_type=client_credentials`);
    expect(request?.body).not.toContain("undefined");
    expect(request?.headers.accept).toBe("text/plain, application/json, text/json");
  });

  it("adds HTTP Basic for a basic operation and keeps credentials out of the body", async () => {
    server.reply({ body: { access_token: "t" } });
    await callOperation(
      context({ credentials: { clientId: "client", clientSecret: "秘密" } }),
      basicOperation,
      { grant_type: "authorization_code", code: CODE },
    );
    const [request] = server.requests;
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from("client:%E7%A7%98%E5%AF%86").toString("base64")}`,
    );
    expect(request?.body).toBe(`code=${CODE}&grant_type=authorization_code`);
  });

  it("keeps a caller's own Authorization header", async () => {
    server.reply({ body: { access_token: "t" } });
    await callOperation(
      context({
        credentials: { clientId: "client", clientSecret: "x" },
        headers: { Authorization: "Basic own" },
      }),
      basicOperation,
      { grant_type: "refresh_token" },
    );
    expect(server.requests[0]?.headers.authorization).toBe("Basic own");
  });

  it("takes echoed Authorization credentials out of the error's description and body", async () => {
    const basic = Buffer.from(`client:${SECRET}`).toString("base64");
    const own = "own-bearer-token";
    const echo = (header: string) => ({ code: 2, message: `Authentication failed for ${header}` });
    const cases = [
      {
        header: `Basic ${basic}`,
        secret: basic,
        config: { credentials: { clientId: "client", clientSecret: SECRET } },
      },
      { header: `Bearer ${own}`, secret: own, config: { headers: { Authorization: `Bearer ${own}` } } },
    ];
    for (const { header, secret, config } of cases) {
      server.reply({ status: 401, body: echo(header) });
      const error = await failure(
        callOperation(context(config), basicOperation, { grant_type: "refresh_token" }),
      );
      expect(server.requests.at(-1)?.headers.authorization).toBe(header);
      expect(error.description).toBe(`Authentication failed for ${header.split(" ")[0]} [redacted]`);
      expect(JSON.stringify(error)).not.toContain(secret);
      expect(error.message).not.toContain(secret);
    }
  });

  it("refuses a basic operation without credentials when the client is created", () => {
    for (const credentials of [{}, { clientId: "id" }, { clientSecret: "secret" }]) {
      expect(() => basicAuthorization({ ...credentials })).toThrow(
        new TypeError("clientId and clientSecret are required (HTTP Basic client authentication)"),
      );
    }
    expect(() => basicAuthorization({ headers: { authorization: "Basic own" } })).not.toThrow();
  });

  it.each(["api.example.test", "/relative", "ftp://api.example.test", "https://", ""])(
    "refuses the baseUrl %j when the client is created",
    (baseUrl) => {
      expect(() => createClientOptions({ baseUrl }, "https://api.example.test")).toThrow(
        new TypeError("baseUrl must be an absolute http(s) URL"),
      );
    },
  );

  it("requires a baseUrl when the spec names no server", () => {
    expect(() => createClientOptions({}, undefined)).toThrow(
      new TypeError("baseUrl is required (the spec names no server)"),
    );
    expect(createClientOptions({ baseUrl: "https://api.example.test/" }, undefined).baseUrl).toBe(
      "https://api.example.test",
    );
  });

  it("passes per-call headers but keeps the spec's Accept and Content-Type", async () => {
    server.reply({ body: { access_token: "t" } });
    await callOperation(
      context(),
      formOperation,
      { grant_type: "x" },
      {
        headers: { "X-Trace": "1", Accept: "text/html", "Content-Type": "application/json" },
      },
    );
    const headers = server.requests[0]?.headers;
    expect(headers?.["x-trace"]).toBe("1");
    expect(headers?.accept).toBe("text/plain, application/json, text/json");
    expect(headers?.["content-type"]).toBe("application/x-www-form-urlencoded");
  });
});

describe("responses", () => {
  it("parses JSON sent as text/plain", async () => {
    server.reply({
      headers: { "content-type": "text/plain" },
      body: '{"access_token":"t","expires_in":900}',
    });
    await expect(callOperation(context(), formOperation, { grant_type: "x" })).resolves.toEqual({
      access_token: "t",
      expires_in: 900,
    });
  });

  it("turns an HTTP error with a JSON body into the provider error with code and description", async () => {
    server.reply({
      status: 400,
      body: { error: "invalid_grant", error_description: "The code has expired" },
    });
    const error = await failure(
      callOperation(context(), formOperation, {
        grant_type: "authorization_code",
        client_secret: SECRET,
        code: CODE,
      }),
    );
    expect(error).toMatchObject({
      provider: "testprovider",
      operation: "getToken",
      status: 400,
      kind: "http",
      code: "invalid_grant",
      description: "The code has expired",
      contentType: "application/json",
      body: { error: "invalid_grant", error_description: "The code has expired" },
    });
    expect(error.message).toBe(
      "testprovider getToken failed: HTTP 400 Bad Request: invalid_grant The code has expired",
    );
  });

  it("never repeats a secret that the provider echoes back", async () => {
    server.reply({
      status: 400,
      body: { error: "invalid_grant", error_description: `code ${CODE} is not valid` },
    });
    const error = await failure(
      callOperation(context(), formOperation, { grant_type: "authorization_code", code: CODE }),
    );
    expect(error.description).toBe("code [redacted] is not valid");
    expect(error.body).toEqual({ error: "invalid_grant", error_description: "code [redacted] is not valid" });
    expect(error.message).toBe(
      "testprovider getToken failed: HTTP 400 Bad Request: invalid_grant code [redacted] is not valid",
    );
    expect(JSON.stringify(error)).not.toContain(CODE);
  });

  it("takes echoed secrets out of an in-body error's body and description", async () => {
    const body = { data: { error_code: 10013, description: `bad secret ${SECRET}`, hints: [`got ${CODE}`] } };
    server.reply({ body });
    const error = await failure(
      callOperation(context(), queryOperation, { client_key: "k", client_secret: SECRET, code: CODE }),
    );
    expect(error.description).toBe("bad secret [redacted]");
    expect(error.body).toEqual({
      data: { error_code: 10013, description: "bad secret [redacted]", hints: ["got [redacted]"] },
    });
  });

  it("cuts an error page's snippet only after taking the secrets out, so no part of one shows", async () => {
    const head = "<html><body>upstream failed for ";
    server.reply({
      status: 502,
      headers: { "content-type": "text/html" },
      body: `${head}${"x".repeat(200 - head.length - 4)}${SECRET}</body></html>`,
    });
    const error = await failure(callOperation(context(), formOperation, { grant_type: "x", code: SECRET }));
    expect(error.message).not.toContain(SECRET.slice(0, 4));
    expect(error.message).toMatch(/x\[red…$/);
  });

  it("reports no content type when the response has none", async () => {
    server.reply({ status: 401 });
    const error = await failure(callOperation(context(), formOperation, { grant_type: "x" }));
    expect(error.contentType).toBeUndefined();
  });

  it("reports an empty 401", async () => {
    server.reply({ status: 401 });
    const error = await failure(
      callOperation(context(), formOperation, { grant_type: "x", client_secret: SECRET }),
    );
    expect(error).toMatchObject({
      status: 401,
      kind: "http",
      body: undefined,
      code: undefined,
      description: undefined,
    });
    expect(error.message).toBe("testprovider getToken failed: HTTP 401 Unauthorized with an empty body");
  });

  it("reports a text/html 502 with a short, redacted snippet", async () => {
    server.reply({
      status: 502,
      headers: { "content-type": "text/html" },
      body: `<html><body>Bad gateway for client_secret=${SECRET}</body></html>`,
    });
    const error = await failure(callOperation(context(), formOperation, { grant_type: "x" }));
    expect(error).toMatchObject({ status: 502, kind: "http", body: undefined, contentType: "text/html" });
    expect(error.message).toBe(
      "testprovider getToken failed: HTTP 502 Bad Gateway with a text/html body: <html><body>Bad gateway for client_secret=[redacted]</body></html>",
    );
  });

  it("reports truncated JSON in a success response without showing it", async () => {
    server.reply({ headers: { "content-type": "application/json" }, body: '{"access_token":"act.fake-tok' });
    const error = await failure(callOperation(context(), formOperation, { grant_type: "x" }));
    expect(error).toMatchObject({ status: 200, kind: "invalid-json", body: undefined });
    expect(error.message).toBe(
      "testprovider getToken failed: HTTP 200 OK with a body that is not valid JSON (29 characters, application/json)",
    );
    expect(error.message).not.toContain("act.fake");
  });

  it("reports an empty success body", async () => {
    server.reply({ status: 200 });
    const error = await failure(callOperation(context(), formOperation, { grant_type: "x" }));
    expect(error).toMatchObject({ status: 200, kind: "empty-body" });
    expect(error.message).toBe("testprovider getToken failed: HTTP 200 OK with an empty body");
  });

  it("reports a dropped connection as a network error with status 0", async () => {
    server.reply({ destroy: true });
    const error = await failure(
      callOperation(context(), formOperation, { grant_type: "x", client_secret: SECRET }),
    );
    expect(error).toMatchObject({ status: 0, kind: "network", body: undefined });
    expect(error.message).toMatch(/^testprovider getToken failed: no response \(\w+\)$/);
  });

  it("reports a refused connection as a network error without the URL (a GET carries secrets in it)", async () => {
    const error = await failure(
      callOperation(context({ baseUrl: await closedPortUrl() }), queryOperation, {
        client_key: "k",
        client_secret: SECRET,
        code: CODE,
      }),
    );
    expect(error).toMatchObject({ status: 0, kind: "network" });
    expect(error.message).toBe("testprovider tokenGet failed: no response (ECONNREFUSED)");
  });

  it("reports a Douyin-style error inside an HTTP 200 body", async () => {
    const body = { data: { description: "Parameter error", error_code: 2100005 }, extra: { logid: "2020" } };
    server.reply({ body });
    const error = await failure(
      callOperation(context(), queryOperation, { client_key: "k", client_secret: SECRET, code: CODE }),
    );
    expect(error).toMatchObject({
      status: 200,
      kind: "in-body",
      code: 2100005,
      description: "Parameter error",
      body,
    });
    expect(error.message).toBe(
      "testprovider tokenGet failed: error 2100005 in an HTTP 200 OK body: Parameter error",
    );
  });

  it.each([0, "0", undefined])("takes error code %s in a 200 body as success", async (code) => {
    const body = { data: { error_code: code, access_token: "act.fake" }, message: "success" };
    server.reply({ body });
    await expect(
      callOperation(context(), queryOperation, { client_key: "k", client_secret: "s", code: "c" }),
    ).resolves.toEqual(JSON.parse(JSON.stringify(body)));
  });

  it("turns a call the caller aborted into the provider error, kind aborted, with the reason as cause", async () => {
    server.reply({ body: { access_token: "t" } });
    const controller = new AbortController();
    const reason = new Error("user left");
    controller.abort(reason);
    const error = await failure(
      callOperation(context(), formOperation, { grant_type: "x" }, { signal: controller.signal }),
    );
    expect(error).toMatchObject({
      kind: "aborted",
      status: 0,
      message: "testprovider getToken failed: aborted by the caller",
    });
    expect(error.cause).toBe(reason);
    expect(server.requests).toHaveLength(0);
  });
});
