// Each fixture spec exercises one tricky feature; its generated files are compared with the committed snapshots
// in tests/fixtures/codegen/<name>/expected/ (update with `vitest run -u` after a deliberate generator change).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { emitClient } from "../scripts/codegen/emit-code.js";
import { type GeneratedPackage, generateProvider } from "../scripts/codegen/pipeline.js";
import { scaffoldProvider } from "../scripts/codegen/scaffold.js";
import {
  paramsTypeExpression,
  paramsTypeName,
  successTypeName,
} from "../scripts/codegen/type-expressions.js";
import { repoRoot } from "../scripts/repo.js";
import { generateFixture, temporaryPackagesDir } from "./codegen-helpers.js";

const FIXTURES = [
  "form-body",
  "query-get",
  "basic-auth",
  "discriminated-body",
  "error-in-200",
  "text-plain-error",
  "overloads",
  "vendor-spec",
  "variant-defaults",
];

const packages = temporaryPackagesDir();
afterAll(() => packages.cleanup());
const generated = new Map<string, Promise<GeneratedPackage>>();
const generate = (name: string) => {
  let result = generated.get(name);
  if (!result) {
    result = generateFixture(name, packages.dir);
    generated.set(name, result);
  }
  return result;
};
const table = async (name: string) => {
  const { model } = await generate(name);
  const [method] = model.methods;
  if (!method) throw new Error(`${name} generated no method`);
  return method;
};

describe.each(FIXTURES)("codegen fixture %s", (name) => {
  it("matches the file snapshots", async () => {
    const { files } = await generate(name);
    expect([...files.keys()].sort()).toEqual([
      "README.md",
      "src/generated/api.gen.ts",
      "src/generated/client.gen.ts",
      "src/generated/errors.gen.ts",
      "src/generated/index.gen.ts",
      "src/generated/models.gen.ts",
      "src/generated/operations.gen.ts",
      "src/generated/schema.gen.ts",
    ]);
    for (const [file, content] of files) {
      if (file !== "README.md") {
        expect(content.split("\n")[0]).toBe(
          `// Generated from tests/fixtures/codegen/${name}/spec.yaml by scripts/generate.ts. Do not edit: change the spec or the generator, then run \`pnpm generate ${name}\`.`,
        );
      }
      await expect(content).toMatchFileSnapshot(
        `fixtures/codegen/${name}/expected/${file.replace(/^src\/generated\//, "")}`,
      );
    }
  });
});

describe("what each fixture proves", () => {
  it("form body: exact form media type, no JSON, optional fields optional, single-value enum filled in", async () => {
    const method = await table("form-body");
    expect(method.operation.requestBody?.mediaType).toBe("application/x-www-form-urlencoded");
    expect(method.defaults).toEqual({ grant_type: "client_credentials" });
    expect(method.bodyVariants[0]?.fields.map((field) => [field.name, field.required])).toEqual([
      ["grant_type", true],
      ["client_id", true],
      ["client_secret", true],
      ["scope", false],
    ]);
    const { model } = await generate("form-body");
    expect(model.provider.baseUrl).toBe("https://form.example.test/api");
  });

  it("query-only GET: every parameter in the query, no body, default filled in", async () => {
    const method = await table("query-get");
    expect(method.operation.httpMethod).toBe("GET");
    expect(method.parameters.filter((field) => field.in === "query").map((field) => field.name)).toEqual([
      "client_key",
      "grant_type",
      "limit",
    ]);
    expect(method.operation.requestBody).toBeUndefined();
    expect(method.defaults).toEqual({ grant_type: "authorization_code" });
    const { files } = await generate("query-get");
    expect(files.get("src/generated/models.gen.ts")).toContain("WithDefaults<");
  });

  it("Basic auth: the operation is marked basic and the config takes clientId/clientSecret", async () => {
    const method = await table("basic-auth");
    expect(method.name).toBe("oauthToken");
    expect(method.operation.clientAuthentication).toEqual(["client_secret_basic"]);
    const { files } = await generate("basic-auth");
    // Its one operation asks for Basic: the client sends it as its own header, computed from the credentials.
    expect(files.get("src/generated/client.gen.ts")).toContain("basicAuthorization(config),");
    expect(files.get("src/generated/client.gen.ts")).toContain(
      "export type Configuration = BasicClientConfig;",
    );
  });

  it("Basic or something else: every alternative is in the table, and Basic is sent only with credentials", async () => {
    const specPath = path.join(packages.dir, "basic-or-else.yaml");
    const spec = readFileSync(path.join(repoRoot, "tests/fixtures/codegen/basic-auth/spec.yaml"), "utf8");
    writeFileSync(
      specPath,
      spec
        .replace("        - basic: []\n", "        - basic: []\n        - {}\n        - key: []\n")
        .replace(
          "  securitySchemes:\n",
          "  securitySchemes:\n    key: { type: apiKey, in: header, name: X-Key }\n",
        ),
    );
    const options = { specPath, providerId: "basic-or-else", packagesDir: packages.dir };
    await scaffoldProvider(options);
    const { model, files } = await generateProvider(options);
    expect(model.methods[0]?.operation.clientAuthentication).toEqual([
      "client_secret_basic",
      "none",
      "api_key",
    ]);
    expect(files.get("src/generated/operations.gen.ts")).toContain(
      'security: ["client_secret_basic", "none", "api_key"]',
    );
    const client = files.get("src/generated/client.gen.ts");
    expect(client).toContain("optionalBasicAuthorization(config),");
    expect(client).not.toMatch(/[^l]basicAuthorization/);
    expect(files.get("src/generated/api.gen.ts")).toContain("auth: optionalBasicAuthorization,");
    expect(files.get("src/generated/api.gen.ts")).toContain(
      "client authentication: HTTP Basic (`clientId` / `clientSecret`) or none (a public client) or an API key (in `headers`).",
    );
  });

  it("Basic written as an Authorization header parameter: made from the credentials, not a parameter", async () => {
    // A vendor's way (our house rules want security as schemes): vendorSpec makes those rules warn.
    const specPath = path.join(packages.dir, "basic-header.yaml");
    const spec = readFileSync(path.join(repoRoot, "tests/fixtures/codegen/basic-auth/spec.yaml"), "utf8");
    writeFileSync(
      specPath,
      spec
        .replace("    clientFactory: createBasicAuthClient\n", "$&    vendorSpec: true\n")
        .replace(
          "      security:\n        - basic: []\n",
          "      parameters:\n        - { name: Authorization, in: header, required: true, schema: { type: string, example: Basic Y2xpZW50OnNlY3JldA== } }\n        - { name: X-Trace, in: header, schema: { type: string } }\n",
        ),
    );
    const options = { specPath, providerId: "basic-header", packagesDir: packages.dir };
    await scaffoldProvider(options);
    const { files } = await generateProvider(options);
    const table = files.get("src/generated/operations.gen.ts");
    expect(table).toContain('security: ["client_secret_basic"]');
    expect(table).toContain('headerParams: ["X-Trace"]');
    expect(files.get("src/generated/models.gen.ts")).toContain(
      'Omit<NonNullable<NonNullable<operations["oauth/token"]["parameters"]>["header"]>, "Authorization">',
    );
    expect(files.get("src/generated/client.gen.ts")).toContain("basicAuthorization(config)");
  });

  it("operations that go over the wire differently: the client sends each through the middleware", async () => {
    const { model, files } = await generate("discriminated-body");
    // Alike, as in the fixture: the shared Accept and Content-Type are the client's own headers.
    expect(files.get("src/generated/client.gen.ts")).not.toContain("specMiddleware");
    const [first, second] = model.methods;
    if (!first || !second) throw new Error("discriminated-body has two methods");
    const client = emitClient({
      ...model,
      methods: [first, { ...second, operation: { ...second.operation, accept: ["text/plain"] } }],
    });
    expect(client).toContain("client.use(specMiddleware(operationTable));");
    expect(client).toContain('import { operationTable } from "./operations.gen.js";');
    expect(client).toContain("createClientOptions(config, DEFAULT_BASE_URL)");
  });

  it("discriminated body: one operation, named methods on their tags' classes, each with its own member", async () => {
    const { model } = await generate("discriminated-body");
    expect(model.classes.map((cls) => [cls.name, cls.methods.map((method) => method.name)])).toEqual([
      ["AccessApi", ["getAccessToken"]],
      ["ApplicationAccessApi", ["exchangeCode"]],
    ]);
    const [credentials, code] = model.methods;
    expect(credentials && paramsTypeExpression(credentials)).toBe(
      'WithDefaults<components["schemas"]["ClientCredentialsRequest"], "grant_type">',
    );
    expect(code?.defaults).toEqual({ grant_type: "authorization_code" });
    expect(code && successTypeName(code)).toBe("UserToken");
    expect(code?.originalPath).toBe("/token\u200e");
  });

  it("overloads: entries of one name make one method, one signature per discriminator value", async () => {
    const { model, files } = await generate("overloads");
    expect(model.classes.map((cls) => [cls.name, cls.methods.map((method) => method.name)])).toEqual([
      ["OauthApi", ["oauthToken"]],
    ]);
    const method = await table("overloads");
    // The field every member fills in alike is filled in; grant_type picks the overload, so it stays required.
    expect(method.defaults).toEqual({ format: "json" });
    expect(
      method.overloads?.map((overload) => [
        overload.variant.discriminator.value,
        paramsTypeName(method, overload),
        paramsTypeExpression(method, overload),
        successTypeName(method, overload),
      ]),
    ).toEqual([
      [
        "authorization_code",
        "OauthTokenAuthorizationCodeParams",
        'WithDefaults<components["schemas"]["CodeRequest"], "format">',
        "CodeToken",
      ],
      [
        "refresh_token",
        "OauthTokenRefreshTokenParams",
        'WithDefaults<components["schemas"]["RefreshRequest"], "format">',
        "RefreshToken",
      ],
    ]);
    expect(paramsTypeExpression(method)).toBe(
      "OauthTokenAuthorizationCodeParams | OauthTokenRefreshTokenParams",
    );
    expect(successTypeName(method)).toBe("CodeToken | RefreshToken");
    const api = files.get("src/generated/api.gen.ts") ?? "";
    // Three signatures (two overloads and the union) plus the implementation, which alone has a body.
    expect(api.match(/^ {2}oauthToken\(/gm)).toHaveLength(4);
    expect(api).toContain("): Promise<CodeToken>;");
    expect(api).toContain("): Promise<RefreshToken>;");
    expect(files.get("src/generated/operations.gen.ts")).toContain('defaults: { format: "json" }');
    expect(files.get("README.md")).toContain("#### Overloads");
  });

  it("error in a 200 body: the rule reaches the operation table and the error body type", async () => {
    const method = await table("error-in-200");
    expect(method.operation.errorInBody).toEqual({
      code: "data.error_code",
      message: "data.description",
      successCodes: [0, "0"],
    });
    const { files } = await generate("error-in-200");
    expect(files.get("src/generated/operations.gen.ts")).toContain(
      'errorInBody: { code: "data.error_code", message: "data.description", successCodes: [0, "0"] }',
    );
  });

  it("text/plain error: Accept lists every declared media type, errors keep their x-sdk-error paths", async () => {
    const method = await table("text-plain-error");
    expect(method.operation.accept).toEqual(["text/plain", "application/json", "text/json"]);
    expect(method.operation.clientAuthentication).toEqual([]);
    expect(method.operation.errors).toMatchObject([
      {
        status: "401",
        body: { schemaName: "ErrorModel" },
        errorFields: { code: "error", message: "error_description" },
      },
    ]);
  });

  it("vendor spec: what a vendor's document leaves out or spells its own way", async () => {
    const { model, files } = await generate("vendor-spec");
    const file = (name: string) => files.get(`src/generated/${name}`) ?? "";
    // No servers: every configuration names its baseUrl.
    expect(model.provider.baseUrl).toBeUndefined();
    expect(file("client.gen.ts")).toContain(
      "export type Configuration = ClientConfig & { baseUrl: string };",
    );
    expect(file("api.gen.ts")).toContain("constructor(config: Configuration) {");
    const [json, offered, bodiless] = model.methods;
    // No error responses: any error is read as RFC 6749's; a declared error without x-sdk-error, from its schema.
    expect(json?.operation.errorFields).toEqual({
      default: { code: "error", message: "error_description" },
    });
    expect(bodiless?.operation.errorFields).toEqual({ "400": { code: "code", message: "message" } });
    // A JSON body is typed and sent as JSON; of a form and JSON, the form is taken.
    expect(json?.operation.requestBody?.mediaType).toBe("application/json");
    expect(file("models.gen.ts")).toMatch(/\["requestBody"\]\s*>\["content"\]\["application\/json"\]/);
    expect(file("api.gen.ts")).toContain('"application/json": JSON.stringify');
    expect(offered?.operation.requestBody?.mediaType).toBe("application/x-www-form-urlencoded");
    // No body: the method takes its query and header parameters.
    expect(bodiless?.operation.requestBody).toBeUndefined();
    expect(bodiless?.parameters.map((field) => field.name)).toEqual(["token", "X-Request-Id"]);
    // x-nullable and 3.1's type arrays let null through the result check, and type it.
    for (const field of [
      'refresh_token: "string|null"',
      'expires_at: "number|null"',
      'scopes: "optional array|null"',
    ])
      expect(file("operations.gen.ts")).toContain(field);
    expect(file("schema.gen.ts")).toContain("refresh_token: string | null;");
  });
});
