import { describe, expect, it } from "vitest";
import { buildSpecModel, loadSpecModel, SpecDocument } from "../src/index.js";
import { failure, minimal, specFile } from "./helpers.js";

/** The minimal spec whose 200 is a token answer with `token` (YAML flow text) as its x-sdk-token. */
const withToken = (token: string) =>
  minimal.replace('        "200":\n', `        "200":\n          x-sdk-token: ${token}\n`);

/** The minimal spec with an authorization code flow; `extension` is its x-sdk-authorization (YAML flow text). */
const withFlow = (extension?: string, url = "https://t.example/authorize") =>
  `${minimal}  securitySchemes:
    oauth:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: ${url}
          tokenUrl: https://t.example/token
          scopes: {}
${extension === undefined ? "" : `          x-sdk-authorization: ${extension}\n`}`;

const build = (text: string) => buildSpecModel(SpecDocument.parse(text, "t.yaml"));

describe("the token lifecycle of the four specs", () => {
  it("reads each x-sdk-token as the operation's token answer, the same for every token method", () => {
    const douyin = loadSpecModel(specFile("douyin"));
    expect(douyin.lifecycle?.token).toMatchObject({
      fields: {
        accessToken: "data.access_token",
        expiresIn: "data.expires_in",
        refreshToken: "data.refresh_token",
        scope: "data.scope",
        extra: ["data.open_id", "data.unionid"],
      },
      refusedRefreshCodes: [10010],
    });
    expect(douyin.operations.map((operation) => operation.token?.refusedRefreshCodes)).toEqual([
      [10010],
      [10010],
    ]);
    expect(douyin.operations[0]?.responses.find((r) => r.status === "200")?.token?.place).toBe(
      "#/paths/~1oauth~1access_token~1/get/responses/200/x-sdk-token",
    );
  });

  it("gives each grant the method (or overload) that sends it, with that request's fields", () => {
    const grants = (id: string) => {
      const lifecycle = loadSpecModel(specFile(id)).lifecycle;
      return [lifecycle?.exchange, ...(lifecycle?.renewals ?? [])].map(
        (call) => call && `${call.grant}: ${call.method.name}(${call.fields.map((f) => f.name).join(", ")})`,
      );
    };
    expect(grants("avito")).toEqual([
      "authorization_code: getAccessTokenAuthorizationCode(grant_type, client_id, client_secret, code)",
      "refresh_token: refreshAccessTokenAuthorizationCode(grant_type, client_id, client_secret, refresh_token)",
      "client_credentials: getAccessToken(grant_type, client_id, client_secret)",
    ]);
    expect(grants("douyin")).toEqual([
      "authorization_code: oauthAccessTokenGet(client_key, client_secret, code, grant_type)",
      "refresh_token: oauthRefreshTokenGet(client_key, grant_type, refresh_token)",
    ]);
    expect(grants("pinterest")).toEqual([
      "authorization_code: oauthToken(grant_type, code, redirect_uri)",
      "refresh_token: oauthToken(grant_type, refresh_token, scope)",
      "client_credentials: oauthToken(grant_type, scope)",
    ]);
  });

  it("reads the authorization code flow onto the provider, with the provider's parameter names", () => {
    expect(loadSpecModel(specFile("douyin")).provider.authorization).toEqual({
      scheme: "douyin_oauth2",
      place: "#/components/securitySchemes/douyin_oauth2/flows/authorizationCode",
      authorizationUrl: "https://open.snssdk.com/oauth/authorize/",
      parameterNames: { client_id: "client_key" },
      scopeSeparator: ",",
      callbackParameters: ["scopes"],
      clientIdName: "client_key",
      scopes: expect.objectContaining({ user_info: "the user's public profile" }),
    });
    expect(loadSpecModel(specFile("avito")).provider.authorization?.fixedParameters).toEqual({
      pro_users_flow: "true",
    });
    expect(loadSpecModel(specFile("criteo")).provider.authorization).toBeUndefined();
  });
});

describe("a broken lifecycle extension fails with the file, line and place", () => {
  it("accepts a token answer and a flow without extension", () => {
    const model = build(
      withFlow().replace(
        '        "200":\n',
        '        "200":\n          x-sdk-token: { accessToken: access_token, refusedRefreshCodes: [invalid_grant] }\n',
      ),
    );
    expect(model.lifecycle?.token.fields).toEqual({ accessToken: "access_token" });
    expect(model.lifecycle?.renewals.map((call) => call.grant)).toEqual(["client_credentials"]);
    expect(model.provider.authorization?.clientIdName).toBe("client_id");
    expect(build(minimal).lifecycle).toBeUndefined();
  });

  it("an x-sdk-token without accessToken, with an unknown key, or with codes that are not a list", () => {
    const place = "#/paths/~1token/post/responses/200/x-sdk-token";
    expect(failure(withToken("{ expiresIn: expires_in }")).message).toBe(
      `t.yaml:17:11: ${place}/accessToken: needs accessToken (a dotted path)`,
    );
    expect(failure(withToken("{ accessToken: a, expires: b }")).message).toMatch(
      new RegExp(`^t\\.yaml:17:\\d+: ${place}/expires: unknown key \\(expected one of accessToken, `),
    );
    expect(failure(withToken("{ accessToken: a, refusedRefreshCodes: invalid_grant }")).message).toContain(
      `${place}/refusedRefreshCodes: must be a list, each item an error code`,
    );
    expect(failure(withToken("{ accessToken: a, extra: [1] }")).message).toContain(
      `${place}/extra/0: must be a dotted path`,
    );
  });

  it("a refused-refresh rule for a generic code: a status and/or a message pattern, checked", () => {
    const rule = '{ code: 1, status: 400, message: "refresh.?token" }';
    const model = build(
      withFlow().replace(
        '        "200":\n',
        `        "200":\n          x-sdk-token: { accessToken: access_token, refusedRefreshCodes: [invalid_grant, ${rule}] }\n`,
      ),
    );
    expect(model.lifecycle?.token.refusedRefreshCodes).toEqual([
      "invalid_grant",
      { code: 1, status: 400, message: "refresh.?token" },
    ]);
    const place = "#/paths/~1token/post/responses/200/x-sdk-token/refusedRefreshCodes/0";
    for (const broken of [
      "{ code: 1 }",
      "{ code: 1, status: 99 }",
      '{ code: 1, message: "(" }',
      "{ code: 1, status: 400, why: x }",
    ])
      expect(failure(withToken(`{ accessToken: a, refusedRefreshCodes: [${broken}] }`)).message).toContain(
        `${place}: must be an error code (a string or a number), or { code, status?, message? }`,
      );
  });

  it("an x-sdk-token on an error response, and two that differ", () => {
    const onError = minimal.replace(
      '        "400":\n',
      '        "400":\n          x-sdk-token: { accessToken: a }\n',
    );
    expect(failure(onError).message).toContain(
      "#/paths/~1token/post/responses/400/x-sdk-token: belongs on a success (2xx) response",
    );
    const second = withToken("{ accessToken: a }").replace(
      "paths:\n",
      `paths:\n  /other:\n    post:\n      operationId: other\n      responses: { "200": { x-sdk-token: { accessToken: b }, description: ok, content: { application/json: { schema: { type: object } } } }, default: { description: e } }\n`,
    );
    expect(failure(second).message).toMatch(
      /^t\.yaml:\d+:\d+: #\/paths\/~1token\/post\/responses\/200\/x-sdk-token: every x-sdk-token of one spec must be the same \(see #\/paths\/~1other\/post\/responses\/200\/x-sdk-token\)$/,
    );
  });

  it("an authorization flow without a URL, or whose extension names an unknown parameter", () => {
    const flow = "#/components/securitySchemes/oauth/flows/authorizationCode";
    expect(failure(withFlow(undefined, "/authorize")).message).toMatch(
      new RegExp(`^t\\.yaml:\\d+:\\d+: ${flow}/authorizationUrl: needs authorizationUrl`),
    );
    expect(failure(withFlow("{ parameterNames: { client: client_key } }")).message).toContain(
      `${flow}/x-sdk-authorization/parameterNames/client: "client" is not one of client_id, redirect_uri`,
    );
    expect(failure(withFlow("{ scopeSeparator: ', ' }")).message).toContain(
      `${flow}/x-sdk-authorization/scopeSeparator: must be one character`,
    );
    expect(failure(withFlow("{ fixed: { a: b } }")).message).toContain(
      `${flow}/x-sdk-authorization/fixed: unknown key`,
    );
    expect(failure(withFlow("{ pkce: yes please }")).message).toContain(
      `${flow}/x-sdk-authorization/pkce: must be true or false`,
    );
    for (const list of ["[state]", "[code]", "[error_description]", "scopes", "['a b']"])
      expect(failure(withFlow(`{ callbackParameters: ${list} }`)).message, list).toContain(
        `${flow}/x-sdk-authorization/callbackParameters: must be a list of parameter names other than code, state`,
      );
  });

  it("reads pkce and the callback's extra parameters", () => {
    expect(
      build(withFlow("{ pkce: true, callbackParameters: [scopes] }")).provider.authorization,
    ).toMatchObject({
      pkce: true,
      callbackParameters: ["scopes"],
      scopes: {},
    });
    expect(build(withFlow("{ pkce: false }")).provider.authorization).not.toHaveProperty("pkce");
  });
  it("an info.x-sdk-tokens that is not an object, or whose separator or lifetime is wrong", () => {
    const withTokens = (value: string) =>
      minimal.replace("  x-sdk: {", `  x-sdk-tokens: ${value}\n  x-sdk: {`);
    const place = "#/info/x-sdk-tokens";
    expect(failure(withTokens("[1]")).message).toContain(`${place}: must be an object`);
    expect(failure(withTokens("{ scopeSeparator: ', ' }")).message).toContain(
      `${place}/scopeSeparator: must be one character`,
    );
    expect(failure(withTokens("{ accessTokenLifetime: 0 }")).message).toContain(
      `${place}/accessTokenLifetime: must be a positive number of seconds`,
    );
  });
});
