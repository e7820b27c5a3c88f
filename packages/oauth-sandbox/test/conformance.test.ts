// Response conformance: every operation and every error the sandbox answers, checked against the spec as it
// arrives over the wire. The sandbox's own response check is off here, so a response that breaks the spec
// reaches these assertions instead of turning into a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENTS, type Sandbox, startSandbox } from "../src/index.js";
import {
  type Answer,
  basic,
  breakLeaf,
  conformance,
  leafPaths,
  operation,
  type Provider,
  postForm,
  read,
  SPECS_DIR,
  specs,
} from "./helpers.js";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ specsDir: SPECS_DIR, checkResponses: false });
});
afterAll(() => sb.close());

const DY = DEFAULT_CLIENTS.douyin;
const AV = DEFAULT_CLIENTS.avito;
const PI = DEFAULT_CLIENTS.pinterest;
const CR = DEFAULT_CLIENTS.criteo;
const REDIRECT = "https://app.example.test/callback";

// --- request builders ---------------------------------------------------------------------------------------

const douyinExchange = (params: Record<string, string>) =>
  fetch(`${sb.baseUrls.douyin}/oauth/access_token/?${new URLSearchParams(params)}`);
const douyinRefresh = (params: Record<string, string>) =>
  fetch(`${sb.baseUrls.douyin}/oauth/refresh_token/?${new URLSearchParams(params)}`);
const douyinCodeParams = async () => ({
  client_key: DY.clientId,
  client_secret: DY.clientSecret,
  code: (await sb.issueCode("douyin")).code,
  grant_type: "authorization_code",
});
async function douyinRefreshToken(): Promise<string> {
  return (await read(await douyinExchange(await douyinCodeParams()))).body.data.refresh_token;
}

const avito = (fields: Record<string, string>) => postForm(`${sb.baseUrls.avito}/token`, fields);
const avitoCreds = { client_id: AV.clientId, client_secret: AV.clientSecret };
const avitoCode = async () => ({
  grant_type: "authorization_code",
  ...avitoCreds,
  code: (await sb.issueCode("avito")).code,
});

const pinterestAuth = { authorization: basic(PI.clientId, PI.clientSecret) };
const pinterest = (fields: Record<string, string>, headers: Record<string, string> = pinterestAuth) =>
  postForm(`${sb.baseUrls.pinterest}/oauth/token`, fields, headers);
const pinterestCode = async () => ({
  grant_type: "authorization_code",
  code: (await sb.issueCode("pinterest", { redirectUri: REDIRECT })).code,
  redirect_uri: REDIRECT,
});

const criteo = (fields: Record<string, string>, accept?: string) =>
  postForm(`${sb.baseUrls.criteo}/oauth2/token`, fields, accept ? { accept } : {});
const criteoCreds = { client_id: CR.clientId, client_secret: CR.clientSecret };
const criteoCode = async () => ({
  grant_type: "authorization_code",
  ...criteoCreds,
  code: (await sb.issueCode("criteo", { redirectUri: REDIRECT })).code,
  redirect_uri: REDIRECT,
});

// --- the cases ----------------------------------------------------------------------------------------------

interface Case {
  provider: Provider;
  operationId: string;
  name: string;
  run: () => Promise<Response>;
  status: number;
  /** the provider's error code in the body; undefined for a success */
  error?: string | number;
  mediaType?: string;
  /** the x-sdk-methods entry whose success model the body must match */
  method?: string;
  /** that entry's request model, where entries share the name (overloads) */
  request?: string;
}

const cases: Case[] = [
  // Douyin: errors are HTTP 200 with data.error_code.
  {
    provider: "douyin",
    operationId: "oauthAccessTokenGet",
    name: "exchanges a code",
    run: async () => douyinExchange(await douyinCodeParams()),
    status: 200,
  },
  {
    provider: "douyin",
    operationId: "oauthAccessTokenGet",
    name: "missing parameter → 10005",
    run: async () => douyinExchange({ client_key: DY.clientId, client_secret: DY.clientSecret }),
    status: 200,
    error: 10005,
  },
  {
    provider: "douyin",
    operationId: "oauthAccessTokenGet",
    name: "wrong grant_type → 2100005",
    run: async () => douyinExchange({ ...(await douyinCodeParams()), grant_type: "password" }),
    status: 200,
    error: 2100005,
  },
  {
    provider: "douyin",
    operationId: "oauthAccessTokenGet",
    name: "unknown client_key → 10003",
    run: async () => douyinExchange({ ...(await douyinCodeParams()), client_key: "nobody" }),
    status: 200,
    error: 10003,
  },
  {
    provider: "douyin",
    operationId: "oauthAccessTokenGet",
    name: "wrong client_secret → 10013",
    run: async () => douyinExchange({ ...(await douyinCodeParams()), client_secret: "wrong" }),
    status: 200,
    error: 10013,
  },
  {
    provider: "douyin",
    operationId: "oauthAccessTokenGet",
    name: "used code → 28001007",
    run: async () => {
      const params = await douyinCodeParams();
      await douyinExchange(params);
      return douyinExchange(params);
    },
    status: 200,
    error: 28001007,
  },
  {
    provider: "douyin",
    operationId: "oauthAccessTokenGet",
    name: "POST instead of GET → 2100005 with HTTP 200",
    run: () => fetch(`${sb.baseUrls.douyin}/oauth/access_token/`, { method: "POST" }),
    status: 200,
    error: 2100005,
  },
  {
    provider: "douyin",
    operationId: "oauthRefreshTokenGet",
    name: "refreshes",
    run: async () =>
      douyinRefresh({
        client_key: DY.clientId,
        grant_type: "refresh_token",
        refresh_token: await douyinRefreshToken(),
      }),
    status: 200,
  },
  {
    provider: "douyin",
    operationId: "oauthRefreshTokenGet",
    name: "expired refresh token → 10010",
    run: async () => {
      const refresh_token = await douyinRefreshToken();
      sb.clock.advance(sb.lifetimes("douyin").refresh);
      return douyinRefresh({ client_key: DY.clientId, grant_type: "refresh_token", refresh_token });
    },
    status: 200,
    error: 10010,
  },
  {
    provider: "douyin",
    operationId: "oauthRefreshTokenGet",
    name: "unknown client_key → 10003",
    run: async () =>
      douyinRefresh({
        client_key: "nobody",
        grant_type: "refresh_token",
        refresh_token: await douyinRefreshToken(),
      }),
    status: 200,
    error: 10003,
  },
  {
    provider: "douyin",
    operationId: "oauthRefreshTokenGet",
    name: "missing refresh_token → 10005",
    run: () => douyinRefresh({ client_key: DY.clientId, grant_type: "refresh_token" }),
    status: 200,
    error: 10005,
  },

  // Avito: RFC 6749 errors, 400 and 401.
  {
    provider: "avito",
    operationId: "getAccessToken",
    name: "client_credentials",
    run: () => avito({ grant_type: "client_credentials", ...avitoCreds }),
    status: 200,
    method: "getAccessToken",
  },
  {
    provider: "avito",
    operationId: "getAccessToken",
    name: "authorization_code",
    run: async () => avito(await avitoCode()),
    status: 200,
    method: "getAccessTokenAuthorizationCode",
  },
  {
    provider: "avito",
    operationId: "getAccessToken",
    name: "refresh_token",
    run: async () => {
      const first = await read(await avito(await avitoCode()));
      return avito({ grant_type: "refresh_token", ...avitoCreds, refresh_token: first.body.refresh_token });
    },
    status: 200,
    method: "refreshAccessTokenAuthorizationCode",
  },
  {
    provider: "avito",
    operationId: "getAccessToken",
    name: "missing field → invalid_request",
    run: () => avito({ grant_type: "authorization_code", ...avitoCreds }),
    status: 400,
    error: "invalid_request",
  },
  {
    provider: "avito",
    operationId: "getAccessToken",
    name: "unknown grant → unsupported_grant_type",
    run: () => avito({ grant_type: "password", ...avitoCreds }),
    status: 400,
    error: "unsupported_grant_type",
  },
  {
    provider: "avito",
    operationId: "getAccessToken",
    name: "used code → invalid_grant",
    run: async () => {
      const fields = await avitoCode();
      await avito(fields);
      return avito(fields);
    },
    status: 400,
    error: "invalid_grant",
  },
  {
    provider: "avito",
    operationId: "getAccessToken",
    name: "wrong secret → invalid_client",
    run: () => avito({ grant_type: "client_credentials", client_id: AV.clientId, client_secret: "wrong" }),
    status: 401,
    error: "invalid_client",
  },
  {
    provider: "avito",
    operationId: "getAccessToken",
    name: "JSON body → invalid_request",
    run: () =>
      fetch(`${sb.baseUrls.avito}/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ grant_type: "client_credentials", ...avitoCreds }),
      }),
    status: 400,
    error: "invalid_request",
  },
  {
    provider: "avito",
    operationId: "getAccessToken",
    name: "GET → 405 (the declared default error)",
    run: () => fetch(`${sb.baseUrls.avito}/token`),
    status: 405,
    error: "method_not_allowed",
  },

  // Pinterest: HTTP Basic; errors are {code, message}.
  {
    provider: "pinterest",
    operationId: "oauthToken",
    name: "authorization_code",
    run: async () => pinterest(await pinterestCode()),
    status: 200,
    method: "oauthToken",
    request: "OauthAccessTokenRequestCode",
  },
  {
    provider: "pinterest",
    operationId: "oauthToken",
    name: "refresh_token",
    run: async () => {
      const first = await read(await pinterest(await pinterestCode()));
      return pinterest({ grant_type: "refresh_token", refresh_token: first.body.refresh_token });
    },
    status: 200,
    method: "oauthToken",
    request: "OauthAccessTokenRequestRefresh",
  },
  {
    provider: "pinterest",
    operationId: "oauthToken",
    name: "client_credentials",
    run: () => pinterest({ grant_type: "client_credentials", scope: "boards:read" }),
    status: 200,
    method: "oauthToken",
    request: "OauthAccessTokenRequestClientCredentials",
  },
  {
    provider: "pinterest",
    operationId: "oauthToken",
    name: "no Basic credentials → 401 code 2",
    run: async () => pinterest(await pinterestCode(), {}),
    status: 401,
    error: 2,
  },
  {
    provider: "pinterest",
    operationId: "oauthToken",
    name: "wrong Basic credentials → 401 code 2",
    run: async () => pinterest(await pinterestCode(), { authorization: basic(PI.clientId, "wrong") }),
    status: 401,
    error: 2,
  },
  {
    provider: "pinterest",
    operationId: "oauthToken",
    name: "missing redirect_uri → 400 code 1",
    run: async () => pinterest({ grant_type: "authorization_code", code: (await pinterestCode()).code }),
    status: 400,
    error: 1,
  },
  {
    provider: "pinterest",
    operationId: "oauthToken",
    name: "expired code → 400 code 1",
    run: async () => {
      const fields = await pinterestCode();
      sb.clock.advance(sb.lifetimes("pinterest").code);
      return pinterest(fields);
    },
    status: 400,
    error: 1,
  },
  {
    provider: "pinterest",
    operationId: "oauthToken",
    name: "unknown grant_type → 400 code 1",
    run: () => pinterest({ grant_type: "password" }),
    status: 400,
    error: 1,
  },

  // Criteo: RFC 6749 errors 400/401, in whichever declared media type the client accepts.
  ...["application/json", "text/plain", "text/json"].flatMap((mediaType): Case[] => [
    {
      provider: "criteo",
      operationId: "getToken",
      name: `client_credentials as ${mediaType}`,
      run: () => criteo({ grant_type: "client_credentials", ...criteoCreds }, mediaType),
      status: 200,
      mediaType,
    },
    {
      provider: "criteo",
      operationId: "getToken",
      name: `missing field → invalid_request as ${mediaType}`,
      run: () => criteo({ grant_type: "client_credentials", client_id: CR.clientId }, mediaType),
      status: 400,
      error: "invalid_request",
      mediaType,
    },
    {
      provider: "criteo",
      operationId: "getToken",
      name: `wrong secret → invalid_client as ${mediaType}`,
      run: () =>
        criteo({ grant_type: "client_credentials", client_id: CR.clientId, client_secret: "x" }, mediaType),
      status: 401,
      error: "invalid_client",
      mediaType,
    },
  ]),
  {
    provider: "criteo",
    operationId: "getToken",
    name: "authorization_code",
    run: async () => criteo(await criteoCode()),
    status: 200,
  },
  {
    provider: "criteo",
    operationId: "getToken",
    name: "refresh_token",
    run: async () => {
      const first = await read(await criteo(await criteoCode()));
      return criteo({ grant_type: "refresh_token", ...criteoCreds, refresh_token: first.body.refresh_token });
    },
    status: 200,
  },
  {
    provider: "criteo",
    operationId: "getToken",
    name: "unknown grant → unsupported_grant_type",
    run: () => criteo({ grant_type: "password", ...criteoCreds }),
    status: 400,
    error: "unsupported_grant_type",
  },
  {
    provider: "criteo",
    operationId: "getToken",
    name: "redirect_uri mismatch → invalid_grant",
    run: async () => criteo({ ...(await criteoCode()), redirect_uri: "https://elsewhere.test/" }),
    status: 400,
    error: "invalid_grant",
  },
];

function providerErrorCode(provider: Provider, body: Answer["body"]): unknown {
  if (provider === "douyin") return body?.data?.error_code;
  if (provider === "pinterest") return body?.code;
  return body?.error;
}

const answers = new Map<Case, Answer>();

describe.each(cases.map((c) => [`${c.provider} ${c.operationId}: ${c.name}`, c] as const))("%s", (_, c) => {
  it("answers with the expected status and code, and the body conforms to the spec", async () => {
    const answer = await read(await c.run());
    answers.set(c, answer);
    expect(answer.status).toBe(c.status);
    if (c.mediaType) expect(answer.contentType.split(";")[0]).toBe(c.mediaType);
    const code = providerErrorCode(c.provider, answer.body);
    if (c.error === undefined) {
      const token = c.provider === "douyin" ? answer.body.data.access_token : answer.body.access_token;
      expect(token).toEqual(expect.any(String));
      if (c.provider === "douyin") expect(code).toBe(0);
    } else {
      expect(code).toBe(c.error);
    }
    expect(conformance(c.provider, c.operationId, answer, c.method, c.request)).toEqual([]);
  });
});

describe("the conformance check has teeth", () => {
  it("rejects each answer once any one of its fields has the wrong type (so every field sent is typed)", () => {
    expect(answers.size).toBe(cases.length);
    const untyped: string[] = [];
    for (const [c, answer] of answers) {
      for (const path of leafPaths(answer.body)) {
        const broken = { ...answer, body: breakLeaf(answer.body, path) };
        const problems = conformance(c.provider, c.operationId, broken, c.method, c.request);
        if (problems.length === 0) {
          untyped.push(`${c.provider} ${c.name}: ${path.join(".")}`);
        }
      }
    }
    expect(untyped).toEqual([]);
  });

  it("checks a Pinterest success against its grant's own model: a refresh answer is no code answer", () => {
    const answerOf = (request: string) =>
      answers.get(cases.find((c) => c.request === request) as Case) as Answer;
    const refresh = answerOf("OauthAccessTokenRequestRefresh");
    // Continuous refresh: the new refresh token and both its lifetimes, all declared by the refresh model.
    expect(Object.keys(refresh.body)).toEqual(
      expect.arrayContaining(["refresh_token", "refresh_token_expires_in", "refresh_token_expires_at"]),
    );
    expect(refresh.body.refresh_token_expires_at).toEqual(expect.any(Number));
    const app = answerOf("OauthAccessTokenRequestClientCredentials");
    expect(
      conformance("pinterest", "oauthToken", app, "oauthToken", "OauthAccessTokenRequestClientCredentials"),
    ).toEqual([]);
    expect(
      conformance("pinterest", "oauthToken", app, "oauthToken", "OauthAccessTokenRequestCode"),
    ).not.toEqual([]);
    // The shared name alone does not say which overload's model applies.
    expect(conformance("pinterest", "oauthToken", app, "oauthToken")).toEqual([
      "oauthToken has 3 methods named oauthToken (overloads): pass the entry methodFor gives",
    ]);
  });

  it("rejects an undeclared status, an undeclared media type, a missing required field and a wrong model", () => {
    const find = (p: Provider, status: number) => {
      const c = cases.find(
        (x) => x.provider === p && x.status === status && !x.mediaType?.startsWith("text/"),
      );
      return answers.get(c as Case) as Answer;
    };
    const criteoOk = find("criteo", 200);
    expect(conformance("criteo", "getToken", { ...criteoOk, status: 302 })).not.toEqual([]);
    expect(conformance("criteo", "getToken", { ...criteoOk, contentType: "text/html" })).not.toEqual([]);
    const pinterestDenied = find("pinterest", 401);
    const withoutCode = { ...pinterestDenied, body: { message: pinterestDenied.body.message } };
    expect(conformance("pinterest", "oauthToken", withoutCode)).not.toEqual([]);
    // A client_credentials body where a refresh answer is due: the method's own model has the last word.
    const avitoRefresh = answers.get(
      cases.find((c) => c.method === "refreshAccessTokenAuthorizationCode") as Case,
    );
    const wrongScope = { ...(avitoRefresh as Answer), body: { ...avitoRefresh?.body, scope: 42 } };
    expect(conformance("avito", "getAccessToken", wrongScope)).toEqual([]);
    expect(
      conformance("avito", "getAccessToken", wrongScope, "refreshAccessTokenAuthorizationCode"),
    ).not.toEqual([]);
  });
});

describe("coverage", () => {
  /** Responses the sandbox never sends, with the reason. */
  const NEVER_SENT = new Set([
    // Douyin's `default` is the gateway's envelope for transport failures; the sandbox reports every error in 200.
    "douyin oauthAccessTokenGet DEFAULT application/json",
    "douyin oauthRefreshTokenGet DEFAULT application/json",
  ]);

  it("exercises every operation, every declared response and every media type of every spec", () => {
    const hit = new Set<string>();
    for (const [c, answer] of answers) {
      const op = operation(c.provider, c.operationId);
      const key =
        [...op.responses.keys()].find((k) => k === String(answer.status)) ??
        [...op.responses.keys()].find((k) => k === `${String(answer.status)[0]}XX`) ??
        "DEFAULT";
      hit.add(`${c.provider} ${c.operationId} ${key} ${answer.contentType.split(";")[0]}`);
    }
    const declared = Object.values(specs).flatMap((spec) =>
      spec.operations.flatMap((op) =>
        [...op.responses].flatMap(([key, response]) =>
          [...response.mediaTypes.keys()].map(
            (media) => `${spec.provider} ${op.operationId} ${key} ${media}`,
          ),
        ),
      ),
    );
    const missed = declared.filter((d) => !hit.has(d) && !NEVER_SENT.has(d));
    expect(missed).toEqual([]);
  });
});
