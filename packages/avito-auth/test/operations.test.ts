// The exported low-level client sends every operation of specs/avito.yaml as the spec says: method, path,
// query and header parameters, the spec's Accept and Content-Type, a urlencoded form body without absent fields, and
// HTTP Basic where the spec asks for it.
import type { FetchClient, OperationSpec } from "@x/oauth-core";
import { startTestServer, type TestServer } from "@x/test-utils/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAvitoClient, operationTable } from "../src/index.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

// Widened to the runtime's type, so each test reads every field of the table.
const operations: readonly OperationSpec[] = Object.values(operationTable);

describe("@x/avito-auth low-level client", () => {
  it.each(operations)("sends $operation as the spec says", async (operation) => {
    server.reset();
    server.reply({ body: {} });
    const config = { baseUrl: server.url, clientId: "client id", clientSecret: "sécret" };
    const client: FetchClient = createAvitoClient(config);
    const values = (names: readonly string[]) =>
      Object.fromEntries(names.map((name) => [name, `${name}-value`]));
    const { response } = await client.request(operation.method.toLowerCase(), operation.path, {
      params: {
        query: values(operation.query),
        header: values(operation.header),
        path: values(operation.pathParams),
      },
      ...(operation.requestMediaType ? { body: { b: "x y", a: "1", absent: undefined, none: null } } : {}),
    });
    expect(response.status).toBe(200);
    const request = server.lastRequest();
    expect(request.method).toBe(operation.method);
    expect(request.query).toEqual(values(operation.query));
    expect(request.headers.accept).toBe(operation.accept);
    expect(request.headers["content-type"]).toBe(operation.requestMediaType);
    expect(request.body).toBe(operation.requestMediaType ? "a=1&b=x+y" : "");
    expect(request.headers.authorization).toBe(
      operation.security.includes("basic")
        ? `Basic ${Buffer.from("client+id:s%C3%A9cret").toString("base64")}`
        : undefined,
    );
  });
});
