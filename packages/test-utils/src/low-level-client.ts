// The exported low-level client of a provider package sends every operation of its spec as the spec says: method,
// path, query and header parameters, the spec's Accept and Content-Type, a urlencoded form body without absent
// fields, and HTTP Basic (RFC 6749 §2.3.1, form-encoded before base64) where the spec asks for it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./server.js";

/**
 * What this check reads of a generated operation table entry (oauth-core's OperationWire, not imported: oauth-core's
 * own tests depend on this package).
 */
type OperationWire = Readonly<{
  sdkMethod: string;
  httpMethod: string;
  path: string;
  accept: string;
  requestMediaType?: string;
}> &
  Readonly<Partial<Record<"queryParams" | "headerParams" | "pathParams" | "security", readonly string[]>>>;

/** An openapi-fetch client, called by method name and path as the table gives them. */
interface LowLevelClient {
  // openapi-fetch types `request` per path and method; the check calls it with the table's values.
  // biome-ignore lint/suspicious/noExplicitAny: any Client<paths> is accepted
  request(...args: any[]): Promise<{ response: Response }>;
}

interface ClientConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

export function describeLowLevelClient(
  packageName: string,
  createClient: (config: ClientConfig) => LowLevelClient,
  operationTable: Readonly<Record<string, OperationWire>>,
): void {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const operations: readonly OperationWire[] = Object.values(operationTable);

  describe(`${packageName} low-level client`, () => {
    it.each(operations)("sends $sdkMethod ($httpMethod $path) as the spec says", async (operation) => {
      server.reset();
      server.reply({ body: {} });
      const client = createClient({ baseUrl: server.url, clientId: "client id", clientSecret: "sécret" });
      // An absent list is an empty one.
      const values = (names: readonly string[] = []) =>
        Object.fromEntries(names.map((name) => [name, `${name}-value`]));
      const { response } = await client.request(operation.httpMethod.toLowerCase(), operation.path, {
        params: {
          query: values(operation.queryParams),
          header: values(operation.headerParams),
          path: values(operation.pathParams),
        },
        ...(operation.requestMediaType ? { body: { b: "x y", a: "1", absent: undefined, none: null } } : {}),
      });
      expect(response.status).toBe(200);
      const request = server.lastRequest();
      expect(request.method).toBe(operation.httpMethod);
      expect(request.query).toEqual(values(operation.queryParams));
      expect(request.headers.accept).toBe(operation.accept);
      expect(request.headers["content-type"]).toBe(operation.requestMediaType);
      expect(request.body).toBe(operation.requestMediaType ? "a=1&b=x+y" : "");
      expect(request.headers.authorization).toBe(
        operation.security?.includes("client_secret_basic")
          ? `Basic ${Buffer.from("client+id:s%C3%A9cret").toString("base64")}`
          : undefined,
      );
    });
  });
}
