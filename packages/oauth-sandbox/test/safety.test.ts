// The sandbox on a developer's machine: only loopback Host names (DNS rebinding), no sandbox action from another
// origin's page (a form POST needs no preflight), and a bound on the codes and tokens it keeps.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../src/index.js";
import { postForm, read, SPECS_DIR } from "./helpers.js";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ specsDir: SPECS_DIR, clock: { frozen: true } });
});
afterAll(() => sb.close());

/** A raw request, so Host can be any name (as a rebinding page's browser sends it). */
function send(path: string, headers: Record<string, string>, method = "GET"): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: sb.port, path, method, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("Host", () => {
  it("answers 421 to a Host that is not a loopback name or address", async () => {
    for (const host of [
      "evil.example",
      `evil.example:${sb.port}`,
      "127.0.0.1.evil.example",
      "10.0.0.1",
      "[::2]",
    ])
      expect(await send("/", { host }), host).toBe(421);
    expect(await send("/criteo/oauth2/token", { host: "rebound.example" }, "POST")).toBe(421);
    for (const host of [
      `127.0.0.1:${sb.port}`,
      `localhost:${sb.port}`,
      "LOCALHOST",
      `[::1]:${sb.port}`,
      "127.1.2.3",
    ])
      expect(await send("/", { host }), host).toBe(200);
  });
});

describe("cross-site requests to the sandbox's own endpoints", () => {
  const before = () => sb.clock.nowSeconds();

  it("refuses them by Origin or Sec-Fetch-Site, and does nothing", async () => {
    const { code } = await sb.issueCode("avito");
    const start = before();
    const attempts: [string, string, Record<string, string>][] = [
      ["POST", "/_sandbox/reset", { origin: "http://evil.example" }],
      ["POST", "/_sandbox/clock", { origin: "null" }],
      ["POST", "/_sandbox/clock", { origin: "http://127.0.0.1:1" }],
      ["POST", "/_sandbox/reset", { "sec-fetch-site": "cross-site" }],
      ["POST", "/_sandbox/reset", { "sec-fetch-site": "same-site" }],
      ["POST", "/avito/_sandbox/latency", { "sec-fetch-site": "cross-site" }],
      ["POST", "/avito/_sandbox/codes", { origin: "http://evil.example" }],
      ["GET", "/_sandbox/requests", { "sec-fetch-site": "cross-site" }],
      ["POST", "/avito/_sandbox/authorize", { origin: "http://evil.example" }],
    ];
    for (const [method, path, headers] of attempts) {
      const answer = await fetch(`${sb.url}${path}`, {
        method,
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        ...(method === "POST" ? { body: "advance=99999&ms=5000" } : {}),
      });
      expect(answer.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(403);
      expect((await read(answer)).body.error).toBe("cross_site_request");
    }
    expect(before()).toBe(start);
    // Not reset: the code issued before still works.
    const exchanged = await postForm(`${sb.baseUrls.avito}/token`, {
      grant_type: "authorization_code",
      client_id: "sandbox-avito-client",
      client_secret: "sandbox-avito-secret",
      code,
    });
    expect(exchanged.status).toBe(200);
  });

  it("takes them from the sandbox's own origin, from tools that send neither header, and the authorize page from anywhere", async () => {
    const own = await fetch(`${sb.url}/_sandbox/clock`, {
      method: "POST",
      headers: { origin: sb.url, "sec-fetch-site": "same-origin" },
      body: "{}",
    });
    expect(own.status).toBe(200);
    expect((await fetch(`${sb.url}/_sandbox/clock`, { method: "POST", body: "{}" })).status).toBe(200);
    const page = await fetch(sb.authorizeUrl("avito", { redirectUri: "http://127.0.0.1:9/cb", state: "s" }), {
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(page.status).toBe(200);
    // A provider's token endpoint is not a sandbox action: apps' servers call it, browsers may too.
    const token = await postForm(
      `${sb.baseUrls.criteo}/oauth2/token`,
      {
        grant_type: "client_credentials",
        client_id: "sandbox-criteo-client",
        client_secret: "sandbox-criteo-secret",
      },
      { origin: "http://evil.example" },
    );
    expect(token.status).toBe(200);
  });
});

describe("limits", () => {
  it("keeps at most limits.codes codes and limits.tokens tokens per provider, dropping the oldest", async () => {
    const small = await startSandbox({ specsDir: SPECS_DIR, limits: { codes: 3, tokens: 4 } });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await small.issueCode("avito")).code);
      await small.issueCode("criteo"); // another provider's records do not count against avito's
      const exchange = (code: string) =>
        postForm(`${small.baseUrls.avito}/token`, {
          grant_type: "authorization_code",
          client_id: "sandbox-avito-client",
          client_secret: "sandbox-avito-secret",
          code,
        });
      const dropped = await read(await exchange(codes[0] ?? ""));
      expect(dropped.status).toBe(400);
      expect(dropped.body.error).toBe("invalid_grant");
      const tokens = [];
      for (const code of codes.slice(1)) tokens.push((await read(await exchange(code))).body);
      // 3 exchanges, an access and a refresh token each: 6 issued, the 4 newest kept.
      expect(small.introspect("avito", tokens[0].access_token).active).toBe(false);
      expect(small.introspect("avito", tokens[0].refresh_token).active).toBe(false);
      expect(small.introspect("avito", tokens[2].access_token).active).toBe(true);
      const index = await read(await fetch(`${small.url}/`));
      expect(index.body.stored).toEqual({ codes: 4, tokens: 4 });
    } finally {
      await small.close();
    }
    await expect(startSandbox({ specsDir: SPECS_DIR, limits: { codes: 0 } })).rejects.toThrow(
      "limits.codes must be a positive integer",
    );
  });
});
