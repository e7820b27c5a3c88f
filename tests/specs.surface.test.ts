import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadSpecModel, type Schema, type SpecModel } from "@x/spec-model";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { loadOriginals, type OriginalProvider } from "../scripts/checks/originals.js";
import { checkAgainstOriginals } from "../scripts/checks/originals-check.js";
import { repoRoot as root } from "../scripts/repo.js";

const table = loadOriginals();
const providers = ["douyin", "avito", "pinterest", "criteo"] as const;

// biome-ignore lint/suspicious/noExplicitAny: the tests walk parsed YAML freely; a wrong path fails the assertion.
type Json = Record<string, any>;
const specPath = (id: string) => path.join(root, "specs", `${id}.yaml`);
const readSpec = (id: string): Json => parse(readFileSync(specPath(id), "utf8")) as Json;
const provider = (id: string): OriginalProvider => table[id] as OriginalProvider;

const tmp = mkdtempSync(path.join(os.tmpdir(), "spec-surface-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes an edited copy of a spec and checks it against the unchanged table. */
function checkEdited(id: string, edit: (doc: Json) => void): string[] {
  const doc = readSpec(id);
  edit(doc);
  const copy = path.join(tmp, `${id}.yaml`);
  writeFileSync(copy, stringify(doc));
  return checkAgainstOriginals(copy, provider(id)).map((d) => d.message);
}

describe("specs against the originals' surface (specs/originals.json)", () => {
  it("the table covers the four originals and every method the issue names", () => {
    expect(Object.keys(table).sort()).toEqual([...providers].sort());
    const methods = Object.values(table).flatMap((p) => p.operations.map((o) => `${o.class}.${o.method}`));
    expect(methods.sort()).toEqual(
      [
        "AccessApi.getAccessToken",
        "ApplicationAccessApi.getAccessTokenAuthorizationCode",
        "ApplicationAccessApi.refreshAccessTokenAuthorizationCode",
        "DefaultApi.oauthAccessTokenGet",
        "DefaultApi.oauthRefreshTokenGet",
        "OAuthApi.getToken",
        "OauthApi.oauthToken",
      ].sort(),
    );
    const models = Object.values(table).flatMap((p) => p.models);
    for (const model of [
      "InlineResponse200",
      "InlineResponse200Data",
      "InlineResponse2001",
      "InlineResponse2001Data",
      "GetAccessTokenAuthorizationCode200Response",
      "RefreshAccessTokenAuthorizationCode200Response",
      "OauthAccessTokenResponse",
      "OauthAccessTokenResponseCode",
      "OauthAccessTokenResponseRefresh",
      "Error",
      "AccessTokenModel",
      "OAuthErrorModel",
    ]) {
      expect(models).toContain(model);
    }
  });

  it.each(providers)("%s.yaml matches the original's surface", (id) => {
    expect(checkAgainstOriginals(specPath(id), provider(id)).map((d) => d.message)).toEqual([]);
  });

  it("fails, naming operation and parameter, when a query parameter is renamed", () => {
    const messages = checkEdited("douyin", (doc) => {
      doc.paths["/oauth/access_token/"].get.parameters[0].name = "clientKey";
    });
    expect(messages).toContain(
      'douyin.yaml: oauthAccessTokenGet: parameter "client_key": missing from the spec; the original has it (query, required)',
    );
    expect(messages).toContain(
      'douyin.yaml: oauthAccessTokenGet: parameter "clientKey": (query, required) is not in the originals table',
    );
  });

  it("fails, naming the x-sdk-methods method and the field, when a form field of a body member is renamed", () => {
    const messages = checkEdited("avito", (doc) => {
      const schema = doc.components.schemas.GetTokenOAuthRequest;
      schema.properties.auth_code = schema.properties.code;
      delete schema.properties.code;
      schema.required = ["grant_type", "client_id", "client_secret", "auth_code"];
    });
    expect(messages).toContain(
      'avito.yaml: getAccessTokenAuthorizationCode: parameter "code": missing from the spec; the original has it (form, required)',
    );
    expect(messages.filter((m) => m.includes("getAccessToken:"))).toEqual([]);
  });

  it("fails on drift of required-ness, location, path, media type, security and models", () => {
    expect(
      checkEdited("criteo", (doc) => {
        // client_secret optional in one grant's form makes it optional across the body.
        doc.components.schemas.AccessTokenRequestClientCredentials.required = ["grant_type", "client_id"];
      }),
    ).toEqual([
      'criteo.yaml: getToken: parameter "client_secret": is optional, the original has it required',
    ]);

    expect(
      checkEdited("douyin", (doc) => {
        doc.paths["/oauth/refresh_token"] = doc.paths["/oauth/refresh_token/"];
        delete doc.paths["/oauth/refresh_token/"];
      }),
    ).toEqual([
      "douyin.yaml: oauthRefreshTokenGet: is GET /oauth/refresh_token, the original is GET /oauth/refresh_token/",
    ]);

    expect(
      checkEdited("douyin", (doc) => {
        doc.paths["/oauth/refresh_token/"].get.parameters[0].in = "header";
      }),
    ).toEqual([
      'douyin.yaml: oauthRefreshTokenGet: parameter "client_key": is in header, the original has it in query',
    ]);

    expect(
      checkEdited("criteo", (doc) => {
        delete doc.paths["/oauth2/token"].post.responses["200"].content["text/json"];
        delete doc.paths["/oauth2/token"].post.security;
      }),
    ).toEqual([
      "criteo.yaml: getToken: success response media types are [text/plain, application/json], the original's are [text/plain, application/json, text/json]",
      'criteo.yaml: getToken: security is [{"oauth":[]}], expected []',
    ]);

    expect(
      checkEdited("pinterest", (doc) => {
        doc.components.schemas.OauthError = doc.components.schemas.Error;
        delete doc.components.schemas.Error;
        const [status] = Object.keys(doc.paths["/oauth/token"].post.responses).filter((key) => key !== "200");
        doc.paths["/oauth/token"].post.responses[status as string].content["application/json"].schema.$ref =
          "#/components/schemas/OauthError";
      }),
    ).toEqual(['pinterest.yaml: model "Error" is missing from components.schemas']);
  });
});

/** The model of a spec: its operations, and its parser's `resolve` for schemas given as `$ref`s. */
const modelOf = (id: string): SpecModel => loadSpecModel(specPath(id));
const resolved = (model: SpecModel, schema: Schema | undefined, place: string): Schema =>
  schema ? model.spec.resolve(schema, place) : {};

describe("the design contract and the providers' quirks are in the specs", () => {
  const sdk: Record<string, [string, string, string]> = {
    douyin: ["@x/douyin-oauth", "DouyinOAuthError", "createDouyinClient"],
    avito: ["@x/avito-auth", "AvitoAuthError", "createAvitoClient"],
    pinterest: ["@x/pinterest-oauth", "PinterestOAuthError", "createPinterestClient"],
    criteo: ["@x/criteo-oauth", "CriteoOAuthError", "createCriteoClient"],
  };

  it.each(providers)(
    "%s: OpenAPI 3.0.3, info.x-sdk, servers, errors with x-sdk-error, examples everywhere",
    (id) => {
      const doc = readSpec(id);
      expect(doc.openapi).toBe("3.0.3");
      const [pkg, errorClass, clientFactory] = sdk[id] as [string, string, string];
      expect(doc.info["x-sdk"]).toEqual({ package: pkg, errorClass, clientFactory });
      expect(doc.servers.length).toBeGreaterThan(0);
      const model = modelOf(id);
      for (const op of model.operations) {
        expect(op.errors.length, `${op.operationId} declares no error`).toBeGreaterThan(0);
        for (const response of op.responses) {
          for (const content of response.content) {
            const media = model.spec.at(content.place) as Json;
            const hasExample = media.example !== undefined || media.examples !== undefined;
            const schema = resolved(model, content.schema, content.place);
            expect(
              hasExample || schema.example !== undefined,
              `${op.operationId} ${response.status} has no example`,
            ).toBe(true);
          }
        }
        for (const error of op.errors) {
          for (const content of error.content) {
            expect(
              resolved(model, content.schema, content.place)["x-sdk-error"],
              `${op.operationId} error schema`,
            ).toMatchObject({ code: expect.any(String), message: expect.any(String) });
          }
        }
        if (op.requestBody) {
          const example =
            op.requestBody.example ?? resolved(model, op.requestBody.schema, op.requestBody.place).example;
          expect(example, `${op.operationId} request example`).toBeDefined();
        }
      }
    },
  );

  it("douyin: trailing slashes, no client_secret on refresh, errors in HTTP 200, string-or-number fields", () => {
    const doc = readSpec("douyin");
    expect(Object.keys(doc.paths)).toEqual(["/oauth/access_token/", "/oauth/refresh_token/"]);
    const refresh = doc.paths["/oauth/refresh_token/"].get;
    expect(refresh.parameters.map((p: Json) => p.name)).not.toContain("client_secret");
    for (const op of modelOf("douyin").operations) {
      expect(op.success.status).toBe("200");
      expect(op.errorInBody).toEqual({
        code: "data.error_code",
        message: "data.description",
        successCodes: [0, "0"],
      });
      const grant = op.parameters.find((p) => p.name === "grant_type");
      expect(grant?.schema.enum).toHaveLength(1);
      expect(grant?.schema.default).toBe(grant?.schema.enum?.[0]);
    }
    const s = doc.components.schemas;
    expect(s.ErrorCode.oneOf).toEqual([
      { type: "integer", format: "int64" },
      { type: "string", pattern: "^-?[0-9]+$" },
    ]);
    expect(s.Description.type).toBe("string");
    expect(s.ExpiresIn.oneOf.map((o: Json) => o.type)).toEqual(["integer", "string"]);
    expect(s.InlineResponse200Data.properties.expires_in.allOf[0].$ref).toBe(
      "#/components/schemas/ExpiresIn",
    );
    expect(s.InlineResponse200.properties.extra.$ref).toBe("#/components/schemas/Extra");
    expect(Object.keys(s.Extra.properties)).toEqual(["logid", "now"]);
    expect(Object.keys(s.InlineResponse200Data.properties)).toEqual([
      "error_code",
      "description",
      "access_token",
      "expires_in",
      "refresh_token",
      "open_id",
      "scope",
      "unionid",
    ]);
    expect(Object.keys(s.InlineResponse2001Data.properties)).not.toContain("unionid");
    expect(s.InlineResponse200Data.properties.scope.description).toContain("用户授权的作用域(Scope)");
    expect(doc.info.description).toMatch(/15 days/);
  });

  it("douyin: the methods resolve to success models that require the token fields Douyin always sends", () => {
    const s = readSpec("douyin").components.schemas;
    const always = ["access_token", "expires_in", "refresh_token", "open_id", "scope"];
    const model = modelOf("douyin");
    expect(model.operations.map((op) => [op.success.body?.schemaName, op.successSchema])).toEqual([
      ["InlineResponse200", "AccessTokenSuccess"],
      ["InlineResponse2001", "RefreshTokenSuccess"],
    ]);
    for (const name of ["AccessTokenSuccess", "RefreshTokenSuccess"]) {
      expect(s[name].required, name).toEqual(["data"]);
      expect(s[`${name}Data`].required, name).toEqual(always);
      expect(s[`${name}Data`].properties.expires_in.allOf[0].$ref).toBe("#/components/schemas/ExpiresIn");
    }
    // The original's models keep their optional fields: they also describe the errors reported in HTTP 200.
    expect(s.InlineResponse200Data.required).toBeUndefined();
    expect(s.InlineResponse2001Data.required).toBeUndefined();
  });

  it("avito: one POST /token, discriminated form body, x-sdk-methods with the hidden-character original paths", () => {
    const doc = readSpec("avito");
    expect(Object.keys(doc.paths)).toEqual(["/token"]);
    const op = doc.paths["/token"].post;
    const body = op.requestBody.content["application/x-www-form-urlencoded"].schema;
    expect(body.discriminator.propertyName).toBe("grant_type");
    expect(op["x-sdk-methods"].map((m: Json) => [m.name, m.tag, m.originalPath])).toEqual([
      ["getAccessToken", "Access", "/token"],
      ["getAccessTokenAuthorizationCode", "ApplicationAccess", "/token\u200e"],
      ["refreshAccessTokenAuthorizationCode", "ApplicationAccess", "/token\u200e\u200e"],
    ]);
    const s = doc.components.schemas;
    for (const [name, grant] of [
      ["GetTokenRequest", "client_credentials"],
      ["GetTokenOAuthRequest", "authorization_code"],
      ["RefreshRequest", "refresh_token"],
    ] as const) {
      expect(s[name].properties.grant_type).toMatchObject({ enum: [grant], default: grant });
      expect(body.discriminator.mapping[grant]).toBe(`#/components/schemas/${name}`);
    }
    for (const name of ["GetAccessToken200Response", "GetAccessTokenAuthorizationCode200Response"]) {
      expect(s[name].properties.expires_in).toMatchObject({ type: "number", format: "int32" });
      // Required here, optional in the original: Avito always returns them on success (specs/originals.json).
      expect(s[name].required).toEqual(expect.arrayContaining(["access_token", "expires_in", "token_type"]));
    }
    expect(s.OAuthError.description).toMatch(/does not document/);
    expect(doc.info.description).toMatch(/24 hours/);
  });

  it("pinterest: Basic auth, full discriminated body, response_type discriminator, Error{code,message}", () => {
    const doc = readSpec("pinterest");
    const op = doc.paths["/oauth/token"].post;
    expect(op.security).toEqual([{ basic: [] }]);
    expect(doc.components.securitySchemes.basic).toMatchObject({ type: "http", scheme: "basic" });
    const s = doc.components.schemas;
    expect(s.OauthAccessTokenRequest.discriminator.propertyName).toBe("grant_type");
    expect(s.OauthAccessTokenRequestCode.required).toEqual(["grant_type", "code", "redirect_uri"]);
    expect(s.OauthAccessTokenRequestRefresh.required).toEqual(["grant_type", "refresh_token"]);
    expect(Object.keys(s.OauthAccessTokenRequestRefresh.properties)).toContain("scope");
    expect(s.OauthAccessTokenResponse.required).toEqual([
      "access_token",
      "token_type",
      "expires_in",
      "scope",
    ]);
    expect(s.OauthAccessTokenResponse.properties.token_type.default).toBe("bearer");
    expect(s.OauthAccessTokenResponse.discriminator.propertyName).toBe("response_type");
    expect(Object.keys(s.OauthAccessTokenResponse.discriminator.mapping)).toContain("integration_refresh");
    expect(s.Error.required).toEqual(["code", "message"]);
    expect(Object.keys(op.responses)).toEqual(["200", "default"]);
  });

  it("criteo: security [] on the op, three media types, nullable refresh_token, OAuthErrorModel on 400/401", () => {
    const doc = readSpec("criteo");
    expect(doc.security).toEqual([{ oauth: [] }]);
    const op = doc.paths["/oauth2/token"].post;
    expect(op.security).toEqual([]);
    for (const status of ["200", "400", "401"]) {
      expect(Object.keys(op.responses[status].content)).toEqual([
        "text/plain",
        "application/json",
        "text/json",
      ]);
    }
    expect(op.responses["400"].content["application/json"].schema.$ref).toBe(
      "#/components/schemas/OAuthErrorModel",
    );
    const model = doc.components.schemas.AccessTokenModel;
    expect(model.properties.refresh_token).toMatchObject({ type: "string", nullable: true });
    expect(model.properties.expires_in).toMatchObject({ type: "integer", format: "int32", example: 900 });
    expect(Object.keys(doc.components.schemas.OAuthErrorModel.properties)).toEqual([
      "error",
      "error_description",
      "error_uri",
    ]);
  });
});
