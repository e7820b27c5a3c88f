// The HTTP face: the request target and the form body, parsed without the URL parser where it would change
// nothing (the same path, query and fields as the URL parser and URLSearchParams give, the same refusals), and the
// headers every answer carries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestTarget } from "../src/http.js";
import { DEFAULT_CLIENTS, type Sandbox, startSandbox } from "../src/index.js";
import { postForm, read, SPECS_DIR } from "./helpers.js";

function viaUrlParser(target: string) {
  const url = new URL(target, "http://127.0.0.1");
  return { pathname: url.pathname, query: [...url.searchParams] };
}

function viaRequestTarget(target: string) {
  const { pathname, query } = requestTarget(target);
  return { pathname, query: [...query] };
}

/** A small deterministic generator, so a failure names a target that can be replayed. */
function* targets(count: number): Generator<string> {
  const alphabet = [
    "a",
    "Z",
    "0",
    "_",
    "-",
    "/",
    "/",
    ".",
    "..",
    "%",
    "%2e",
    "%2F",
    "?",
    "&",
    "=",
    "+",
    "#",
    "\\",
  ];
  const more = [" ", "~", "'", '"', ":", "@", "é", "*", "!", "$", "(", ";", ",", "<", "`", "{", "%zz", "\t"];
  const symbols = [...alphabet, ...more];
  let seed = 20_261_201;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed;
  };
  for (let i = 0; i < count; i++) {
    let target = "/";
    const length = next() % 24;
    for (let j = 0; j < length; j++) target += symbols[next() % symbols.length];
    yield target;
  }
}

describe("requestTarget", () => {
  const fixed = [
    "/",
    "/criteo/oauth2/token",
    "/douyin/oauth/access_token/?client_key=k&client_secret=s&code=c&grant_type=authorization_code",
    "/douyin/oauth/access_token/?a=1&a=2&b=%20x+y&c=%zz&d",
    "/douyin/oauth/access_token/?",
    "//criteo/oauth2/token",
    "/criteo/../criteo/oauth2/token",
    "/criteo/./oauth2/token",
    "/criteo/%6Fauth2/token",
    "/criteo\\oauth2\\token",
    "/criteo//oauth2/token",
    "/criteo/oauth2/token#fragment",
    "/criteo/oauth2/token?x=1#y",
    "/a?b=c'd\"e<f>g",
    "/a?q=é",
    "*",
    "http://elsewhere.test/criteo/oauth2/token?x=1",
  ];

  it.each(fixed)("%s: the path and query the URL parser gives", (target) => {
    expect(viaRequestTarget(target)).toEqual(viaUrlParser(target));
  });

  it("agrees with the URL parser on 5,000 generated targets", () => {
    for (const target of targets(5000))
      expect([target, viaRequestTarget(target)]).toEqual([target, viaUrlParser(target)]);
  });
});

describe("form bodies", () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ specsDir: SPECS_DIR, providers: ["criteo"] });
  });
  afterAll(() => sb.close());
  const CR = DEFAULT_CLIENTS.criteo;

  it("refuses a repeated field, naming the repeated one that came first in the body", async () => {
    const body = `client_id=${CR.clientId}&grant_type=client_credentials&grant_type=x&client_id=other`;
    const answer = await read(
      await fetch(`${sb.baseUrls.criteo}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `${body}&client_secret=${CR.clientSecret}`,
      }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: "invalid_request",
      error_description: "Parameter repeated: client_id.",
    });
  });

  it("decodes each field as URLSearchParams does (+, escapes, non-ASCII)", async () => {
    const client = { clientId: "form client", clientSecret: "s +%&=é/?" };
    sb.registerClient("criteo", client);
    const token = (secret: string) =>
      postForm(`${sb.baseUrls.criteo}/oauth2/token`, {
        grant_type: "client_credentials",
        client_id: client.clientId,
        client_secret: secret,
      }).then(read);
    expect((await token(client.clientSecret)).status).toBe(200);
    expect((await token("s  %&=é/?")).status).toBe(401);
  });
});

describe("answer headers", () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ specsDir: SPECS_DIR, providers: ["criteo", "douyin"] });
  });
  afterAll(() => sb.close());
  const CR = DEFAULT_CLIENTS.criteo;

  const headersOf = (response: Response) => {
    void response.arrayBuffer();
    return Object.fromEntries(
      [...response.headers].filter(([name]) => !["date", "connection", "keep-alive"].includes(name)),
    );
  };

  it("a token, a refusal and a wrong method all say no-store, with the type and length of the body", async () => {
    const token = await postForm(`${sb.baseUrls.criteo}/oauth2/token`, {
      grant_type: "client_credentials",
      client_id: CR.clientId,
      client_secret: CR.clientSecret,
    });
    const tokenText = await token.clone().text();
    expect(headersOf(token)).toEqual({
      "cache-control": "no-store",
      pragma: "no-cache",
      "content-type": "application/json; charset=utf-8",
      "content-length": String(Buffer.byteLength(tokenText)),
    });
    const refused = await postForm(`${sb.baseUrls.criteo}/oauth2/token`, {
      grant_type: "client_credentials",
    });
    expect(refused.status).toBe(400);
    expect(headersOf(refused)).toMatchObject({ "cache-control": "no-store", pragma: "no-cache" });
    const wrongMethod = await fetch(`${sb.baseUrls.criteo}/oauth2/token`);
    // Criteo's spec declares no 405: the sandbox answers with a declared 4xx, and still says what is allowed.
    expect(wrongMethod.status).toBe(400);
    expect(headersOf(wrongMethod)).toMatchObject({
      allow: "POST",
      "cache-control": "no-store",
      pragma: "no-cache",
    });
    const unknownPath = await fetch(`${sb.baseUrls.douyin}/no/such/path`);
    expect(unknownPath.status).toBe(404);
    expect(headersOf(unknownPath)).toMatchObject({ "cache-control": "no-store", pragma: "no-cache" });
  });

  it("sandbox endpoints carry no provider headers", async () => {
    const clock = await fetch(`${sb.url}/_sandbox/clock`);
    expect(clock.status).toBe(200);
    expect(headersOf(clock)).toEqual({
      "content-type": "application/json; charset=utf-8",
      "content-length": expect.any(String),
    });
  });
});

describe("routing by the first path segment", () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ specsDir: SPECS_DIR, providers: ["criteo"] });
  });
  afterAll(() => sb.close());

  it.each([
    ["/criteo", 404, "No such endpoint."],
    ["/criteo/", 404, "No such endpoint."],
    ["/criteo//oauth2/token", 404, "No such endpoint."],
    ["/criteo/_sandboxes/x", 404, "No such endpoint."],
    ["/criteo/_sandbox", 404, "no sandbox endpoint GET /criteo/_sandbox"],
    ["/_sandbox", 404, "no sandbox endpoint GET /_sandbox"],
    ["/nope/oauth2/token", 404, "no provider at /nope"],
  ])("GET %s → %i %s", async (path, status, description) => {
    const answer = await read(await fetch(`${sb.url}${path}`));
    expect([answer.status, answer.body.error_description]).toEqual([status, description]);
  });

  it("a provider's sandbox endpoint and the sandbox's own", async () => {
    expect((await fetch(`${sb.url}/_sandbox/clock`)).status).toBe(200);
    const latency = await fetch(`${sb.baseUrls.criteo}/_sandbox/latency`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ms: 0 }),
    });
    expect(latency.status).toBe(200);
  });
});
