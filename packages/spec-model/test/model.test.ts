import { describe, expect, it } from "vitest";
import {
  buildSpecModel,
  entryFor,
  type FieldModel,
  fieldRoles,
  listSpecs,
  loadSpecModel,
  methodOf,
  responseFor,
  SpecDocument,
} from "../src/index.js";
import { failure, minimal, specFile, specsDir } from "./helpers.js";

describe("the model of the four specs", () => {
  it("lists one provider per spec file", () => {
    expect(listSpecs(specsDir).map((spec) => spec.id)).toEqual(["avito", "criteo", "douyin", "pinterest"]);
  });

  it("reads the provider facts and the token facts", () => {
    const douyin = loadSpecModel(specFile("douyin"));
    expect(douyin.provider).toMatchObject({
      id: "douyin",
      packageName: "@x/douyin-oauth",
      folderName: "douyin-oauth",
      clientType: "DouyinClient",
      baseUrl: "https://open.snssdk.com",
      tokens: { accessTokenLifetime: 1296000, refreshTokenRotation: "fixed", scopeSeparator: "," },
    });
    expect(loadSpecModel(specFile("criteo")).provider.tokens).toEqual({
      accessTokenLifetime: 900,
      refreshTokenRotation: "rotated",
      scopeSeparator: " ",
    });
  });

  it("gives each operation its wire format", () => {
    const [access] = loadSpecModel(specFile("douyin")).operations;
    expect(access).toMatchObject({
      operationId: "oauthAccessTokenGet",
      httpMethod: "GET",
      path: "/oauth/access_token/",
    });
    expect(access?.parameters.map((p) => `${p.in}:${p.name}:${p.required}`)).toContain("query:code:true");
    expect(access?.errorInBody).toEqual({
      code: "data.error_code",
      message: "data.description",
      successCodes: [0, "0"],
    });
    const [token] = loadSpecModel(specFile("pinterest")).operations;
    expect(token?.clientAuthentication).toEqual(["client_secret_basic"]);
    expect(token?.requestBody?.discriminatorProperty).toBe("grant_type");
    expect(token && responseFor(token, 599)?.status).toBe("default");
  });

  it("makes x-sdk-methods entries sharing a name overloads, and picks the entry a request names", () => {
    const pinterest = loadSpecModel(specFile("pinterest"));
    const [method] = pinterest.methods;
    expect(method?.overloads?.map((o) => [o.variant.discriminator.value, o.resultSchema])).toEqual([
      ["authorization_code", "OauthAccessTokenResponseCode"],
      ["refresh_token", "OauthAccessTokenResponseRefresh"],
      ["client_credentials", "OauthAccessTokenResponseClientCredentials"],
    ]);
    const operation = pinterest.operations[0];
    if (!operation) throw new Error("no operation");
    const entry = entryFor(pinterest, operation, { grant_type: "refresh_token" });
    expect(entry?.response).toBe("OauthAccessTokenResponseRefresh");
    expect(entry && methodOf(pinterest, entry)?.name).toBe("oauthToken");
    expect(entryFor(pinterest, operation, { grant_type: "password" })).toBeUndefined();

    const avito = loadSpecModel(specFile("avito"));
    expect(avito.methods.map((m) => `${m.className}.${m.name}`)).toEqual([
      "AccessApi.getAccessToken",
      "ApplicationAccessApi.getAccessTokenAuthorizationCode",
      "ApplicationAccessApi.refreshAccessTokenAuthorizationCode",
    ]);
  });
});

describe("names", () => {
  const names = (operationId: string | undefined, tag = "token") => {
    const text = minimal
      .replace(
        "      operationId: token\n",
        operationId === undefined ? "" : `      operationId: ${JSON.stringify(operationId)}\n`,
      )
      .replace("    post:\n", `    post:\n      tags: [${JSON.stringify(tag)}]\n`);
    const [method] = buildSpecModel(SpecDocument.parse(text, "t.yaml")).methods;
    return `${method?.className}.${method?.name}`;
  };

  it("an operationId or tag of any characters gives a valid, stable identifier", () => {
    expect(names("post_oauth2_token#refresh", "Authorization")).toBe(
      "AuthorizationApi.postOauth2TokenRefresh",
    );
    expect(names("oauth.token v2", "o auth.tokens")).toBe("OAuthTokensApi.oauthTokenV2");
    expect(names("jeton/échange", "accès")).toBe("AccèsApi.jetonÉchange");
    expect(names("2fa", "2fa")).toBe("Tag2faApi._2fa");
    expect(names("delete")).toBe("TokenApi._delete");
  });

  it("an operation without operationId (or with nothing but punctuation) is named by its method and path", () => {
    expect(names(undefined)).toBe("TokenApi.postToken");
    expect(names("#")).toBe("TokenApi.postToken");
    const [operation] = buildSpecModel(
      SpecDocument.parse(minimal.replace("      operationId: token\n", ""), "t.yaml"),
    ).operations;
    expect(operation).toMatchObject({ operationId: "postToken", derivedOperationId: true });
  });
});

describe("success statuses", () => {
  it("every 2xx the spec declares is a success, and a 2XX range is every status from 200 to 299", () => {
    const operation = (text: string) => buildSpecModel(SpecDocument.parse(text, "t.yaml")).operations[0];
    const created = operation(
      minimal.replace('        "200":\n', '        "204": { description: none }\n        "201":\n'),
    );
    expect(created?.successStatuses).toEqual([201, 204]);
    expect(created?.success.status).toBe("201");
    const range = operation(minimal.replace('        "200":\n', "        2XX:\n"));
    expect(range?.successStatuses).toHaveLength(100);
    expect(range?.successStatuses).toEqual(expect.arrayContaining([200, 201, 299]));
    expect(range?.success.status).toBe("2XX");
    expect(range?.errors.map((error) => error.status)).toEqual(["400"]);
  });
});

describe("client authentication", () => {
  const methods = (security: string, schemes: string) => {
    const text = minimal
      .replace("      operationId: token\n", `      operationId: token\n      security: ${security}\n`)
      .replace("components:\n", `components:\n  securitySchemes: ${schemes}\n`);
    return buildSpecModel(SpecDocument.parse(text, "t.yaml")).operations[0]?.clientAuthentication;
  };
  const schemes =
    "{ basic: { type: http, scheme: basic }, key: { type: apiKey, in: query, name: key }, token: { type: oauth2, flows: {} } }";

  it("keeps every alternative the spec lists, once each", () => {
    expect(
      methods("[{ basic: [] }, {}, { key: [] }, { token: [] }, { basic: [], key: [] }]", schemes),
    ).toEqual(["client_secret_basic", "none", "api_key", "bearer"]);
    expect(methods("[]", schemes)).toEqual([]);
  });

  it("takes an Authorization header parameter that speaks of Basic for HTTP Basic, not for a parameter", () => {
    const header = (required: boolean) =>
      buildSpecModel(
        SpecDocument.parse(
          minimal.replace(
            "      operationId: token\n",
            `      operationId: token\n      parameters:\n        - { name: Authorization, in: header, required: ${required}, description: "Basic base64(client_id:client_secret)", schema: { type: string } }\n        - { name: X-Trace, in: header, schema: { type: string } }\n`,
          ),
          "t.yaml",
        ),
      ).operations[0];
    const required = header(true);
    expect(required?.parameters.map((parameter) => parameter.name)).toEqual(["X-Trace"]);
    expect(required?.basicHeader).toBe("Authorization");
    expect(required?.clientAuthentication).toEqual(["client_secret_basic"]);
    expect(header(false)?.clientAuthentication).toEqual(["client_secret_basic", "none"]);
  });

  it("refuses a scheme it cannot perform, by name", () => {
    expect(
      failure(
        minimal
          .replace(
            "      operationId: token\n",
            "      operationId: token\n      security: [{ digest: [] }]\n",
          )
          .replace(
            "components:\n",
            "components:\n  securitySchemes: { digest: { type: http, scheme: digest } }\n",
          ),
      ).message,
    ).toContain(
      '#/paths/~1token/post/security: security scheme "digest" (http digest) is not a client authentication',
    );
  });
});

describe("a discriminated body without x-sdk-methods", () => {
  // Variants and results as models, picked by grant_type: on a base schema's mapping, or inline without one.
  const variants = `
    Code:
      type: object
      required: [grant_type, code]
      properties: { grant_type: { type: string, enum: [authorization_code] }, code: { type: string } }
    Refresh:
      type: object
      required: [grant_type, refresh_token]
      properties:
        grant_type: { type: string, enum: [refresh_token] }
        refresh_token: { type: string }
        scope: { type: string, default: all }
    TokenCode:
      type: object
      properties: { kind: { type: string, enum: [authorization_code] }, refresh_token: { type: string } }
    TokenRefresh:
      type: object
      properties: { kind: { type: string, enum: [refresh_token] } }
`;
  const overloads = (body: string, token: string) => {
    const text = minimal
      .replace(/ {4}Body:\n[\s\S]*?(?= {4}Token:)/, `    Body:\n${body}`)
      .replace(/ {4}Token:\n[\s\S]*$/, `    Token:\n${token}${variants}`);
    const [method] = buildSpecModel(SpecDocument.parse(text, "t.yaml")).methods;
    return method;
  };

  it("gives one overload per variant with its own result, on a base schema's mapping", () => {
    const method = overloads(
      `      type: object
      required: [grant_type]
      properties: { grant_type: { type: string } }
      discriminator:
        propertyName: grant_type
        mapping: { authorization_code: "#/components/schemas/Code", refresh_token: "#/components/schemas/Refresh" }
`,
      `      type: object
      discriminator:
        propertyName: kind
        mapping: { authorization_code: "#/components/schemas/TokenCode", refresh_token: TokenRefresh }
`,
    );
    expect(method?.overloads?.map((o) => [o.request, o.variant.discriminator.value, o.resultSchema])).toEqual(
      [
        ["Code", "authorization_code", "TokenCode"],
        ["Refresh", "refresh_token", "TokenRefresh"],
      ],
    );
    expect(method?.name).toBe("token");
  });

  it("inline, without a mapping: the variants' enums pick them; a default stays with its own variant", () => {
    const method = overloads(
      `      oneOf: [{ $ref: "#/components/schemas/Code" }, { $ref: "#/components/schemas/Refresh" }]
      discriminator: { propertyName: grant_type }
`,
      `      oneOf: [{ $ref: "#/components/schemas/TokenCode" }, { $ref: "#/components/schemas/TokenRefresh" }]
      discriminator: { propertyName: kind }
`,
    );
    expect(method?.overloads?.map((o) => [o.request, o.resultSchema])).toEqual([
      ["Code", "TokenCode"],
      ["Refresh", "TokenRefresh"],
    ]);
    // Refresh's scope default is not filled in for the code exchange.
    expect(method?.defaults).toEqual({});
  });
});

describe("a vendor spec (info.x-sdk.vendorSpec: true)", () => {
  const vendor = (text: string) => text.replace("createTClient }", "createTClient, vendorSpec: true }");
  const withoutServers = (text: string) => text.replace(/^servers: .*\n/m, "");
  const withoutErrors = (text: string) => text.replace(/ {8}"400":\n(?: {10}.*\n)+/, "");

  it("may leave out servers and error responses: then no default base URL, and errors read as RFC 6749", () => {
    expect(failure(withoutServers(minimal)).message).toContain("#/servers: needs a server URL");
    expect(failure(withoutErrors(minimal)).message).toContain("must declare its errors");
    const model = buildSpecModel(
      SpecDocument.parse(vendor(withoutErrors(withoutServers(minimal))), "t.yaml"),
    );
    expect(model.provider.baseUrl).toBeUndefined();
    expect(model.operations[0]?.errors).toEqual([]);
    expect(model.operations[0]?.errorFields).toEqual({
      default: { code: "error", message: "error_description" },
    });
  });

  it("reads an error's code and message from its schema without x-sdk-error: error/error_description, code/message", () => {
    const errorSchema = (properties: string) =>
      minimal.replace(
        "{ application/json: { schema: { type: object } } }",
        `{ application/json: { schema: { type: object, properties: { ${properties} } } } }`,
      );
    const fields = (properties: string) =>
      buildSpecModel(SpecDocument.parse(errorSchema(properties), "t.yaml")).operations[0]?.errorFields;
    expect(fields("error: { type: string }, error_description: { type: string }")).toEqual({
      "400": { code: "error", message: "error_description" },
    });
    expect(fields("code: { type: integer }, message: { type: string }")).toEqual({
      "400": { code: "code", message: "message" },
    });
    // An object is no code: Dropbox Sign's { error: { error_msg, error_name } }.
    expect(fields("error: { type: object }")).toEqual({ "400": {} });
  });
});

describe("a broken spec fails with the file and the place", () => {
  it("accepts the minimal spec", () => {
    expect(buildSpecModel(SpecDocument.parse(minimal, "t.yaml")).methods[0]?.defaults).toEqual({
      grant_type: "client_credentials",
    });
  });

  it("YAML that does not parse: the line", () => {
    const error = failure(`${minimal}  : : [broken\n`);
    expect(error.place).toBe("YAML");
    expect(error.line).toBeGreaterThan(30);
    expect(error.message).toMatch(/^t\.yaml:\d+:\d+: YAML: /);
  });

  it("an unresolved $ref: its pointer and line", () => {
    const error = failure(minimal.replace("#/components/schemas/Token", "#/components/schemas/Nope"));
    expect(error.message).toBe(
      "t.yaml:18:52: #/paths/~1token/post/responses/200/content/application~1json/schema/$ref: unresolved $ref #/components/schemas/Nope",
    );
  });

  it("a $ref inside example data is a value, not a reference", () => {
    const text = minimal.replace(
      "    Token:\n      type: object\n",
      '    Token:\n      type: object\n      example: { access_token: { $ref: "examples/token.json" } }\n',
    );
    const withNamed = `${text}  examples:\n    Token:\n      value: { $ref: "examples/token.json" }\n`;
    expect(buildSpecModel(SpecDocument.parse(withNamed, "t.yaml")).operations).toHaveLength(1);
  });

  it("a duplicate operationId", () => {
    const twice = minimal.replace(
      "paths:\n",
      `paths:\n  /other:\n    get:\n      operationId: token\n      responses: { "200": { description: ok, content: { application/json: { schema: { type: object } } } }, default: { description: e } }\n`,
    );
    expect(failure(twice).message).toContain(
      '#/paths/~1token/post/operationId: operationId "token" is also used at #/paths/~1other/get',
    );
  });

  it("a form body that is not an object", () => {
    expect(
      failure(minimal.replace("    Body:\n      type: object", "    Body:\n      type: string")).message,
    ).toContain(
      "#/paths/~1token/post/requestBody/content/application~1x-www-form-urlencoded/schema: a form body must be an object",
    );
  });

  it("an x-sdk-methods entry that matches no request", () => {
    const text = minimal.replace(
      "      operationId: token\n",
      "      operationId: token\n      x-sdk-methods:\n        - { name: getToken, request: Missing }\n",
    );
    const error = failure(text);
    expect(error.message).toMatch(
      /^t\.yaml:12:\d+: #\/paths\/~1token\/post\/x-sdk-methods\/0\/request: "Missing" is not one of the request body's oneOf members$/,
    );
  });
});

describe("request field roles", () => {
  const field = (name: string): FieldModel => ({
    name,
    in: "form",
    required: false,
    schema: { type: "string" },
  });

  it("finds a role by the field's name, whatever its case, `_` or `-`", () => {
    const spec = SpecDocument.parse(minimal, "t.yaml");
    const roles = fieldRoles(spec, ["Client-Id", "refreshToken", "grant_type"].map(field), "#/x");
    expect([...roles]).toEqual([
      ["Client-Id", "client_id"],
      ["refreshToken", "refresh_token"],
      ["grant_type", "grant_type"],
    ]);
  });

  it("gives no role to a field named like an Object.prototype member", () => {
    const spec = SpecDocument.parse(minimal, "t.yaml");
    const roles = fieldRoles(spec, ["constructor", "toString", "__proto__", "code"].map(field), "#/x");
    expect([...roles]).toEqual([["code", "code"]]);
  });
});
