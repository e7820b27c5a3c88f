// Races over real sockets: one code exchanged twice at once, and 200 clients at once, nothing crossed or lost.
import { Agent, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDER_IDS, type ProviderId, type Sandbox, startSandbox } from "../src/index.js";
import { basic, FORM, SPECS_DIR } from "./helpers.js";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ specsDir: SPECS_DIR });
});
afterAll(() => sb.close());

const REDIRECT = "https://app.example.test/callback";

// A bounded pool: at most 64 sockets, so 200 clients queue instead of opening 200 connections at once.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
afterAll(() => agent.destroy());

interface Raw {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: read field by field
  body: any;
}

/** One HTTP request with node:http, so the agent (not fetch's pool) bounds the sockets. */
function send(method: string, url: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

interface Client {
  id: string;
  secret: string;
}

/** A form POST to a provider's token endpoint. */
function postForm(
  provider: ProviderId,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return send(
    "POST",
    tokenUrl(provider),
    { "content-type": FORM, ...headers },
    new URLSearchParams(fields).toString(),
  );
}

/** The token call of each provider: exchange a code, or refresh, for one client. */
function exchange(provider: ProviderId, client: Client, code: string): Promise<Raw> {
  switch (provider) {
    case "douyin":
      return send(
        "GET",
        `${tokenUrl(provider)}?${new URLSearchParams({ client_key: client.id, client_secret: client.secret, code, grant_type: "authorization_code" })}`,
        {},
      );
    case "avito":
      return postForm(provider, {
        grant_type: "authorization_code",
        client_id: client.id,
        client_secret: client.secret,
        code,
      });
    case "pinterest":
      return postForm(
        provider,
        { grant_type: "authorization_code", code, redirect_uri: REDIRECT },
        { authorization: basic(client.id, client.secret) },
      );
    case "criteo":
      return postForm(provider, {
        grant_type: "authorization_code",
        client_id: client.id,
        client_secret: client.secret,
        code,
        redirect_uri: REDIRECT,
      });
  }
}

function refresh(provider: ProviderId, client: Client, refreshToken: string): Promise<Raw> {
  const creds = { client_id: client.id, client_secret: client.secret };
  switch (provider) {
    case "douyin":
      return send(
        "GET",
        `${sb.baseUrls.douyin}/oauth/refresh_token/?${new URLSearchParams({ client_key: client.id, grant_type: "refresh_token", refresh_token: refreshToken })}`,
        {},
      );
    case "avito":
    case "criteo":
      return postForm(provider, { grant_type: "refresh_token", ...creds, refresh_token: refreshToken });
    case "pinterest":
      return postForm(
        provider,
        { grant_type: "refresh_token", refresh_token: refreshToken },
        { authorization: basic(client.id, client.secret) },
      );
  }
}

function tokenUrl(provider: ProviderId): string {
  const path = {
    douyin: "/oauth/access_token/",
    avito: "/token",
    pinterest: "/oauth/token",
    criteo: "/oauth2/token",
  };
  return `${sb.baseUrls[provider]}${path[provider]}`;
}

function tokens(provider: ProviderId, raw: Raw): { access?: string; refresh?: string } {
  const body = provider === "douyin" ? raw.body?.data : raw.body;
  return { access: body?.access_token, refresh: body?.refresh_token };
}

function succeeded(provider: ProviderId, raw: Raw): boolean {
  return raw.status === 200 && tokens(provider, raw).access !== undefined;
}

describe("two simultaneous exchanges of one code", () => {
  it.each(PROVIDER_IDS)("%s: exactly one succeeds, the other is refused", async (provider) => {
    for (let round = 0; round < 10; round++) {
      const issued = await sb.issueCode(provider, { redirectUri: REDIRECT });
      const [client] = sb.clients(provider);
      if (!client) throw new Error(`no ${provider} client`);
      const pair = { id: client.clientId, secret: client.clientSecret };
      const results = await Promise.all([
        exchange(provider, pair, issued.code),
        exchange(provider, pair, issued.code),
      ]);
      const wins = results.filter((r) => succeeded(provider, r));
      expect(wins).toHaveLength(1);
      const loser = results.find((r) => !succeeded(provider, r));
      // Refused in the provider's own way.
      if (provider === "douyin") expect(loser?.body.data.error_code).toBe(28001007);
      else if (provider === "pinterest") expect(loser?.body.code).toBe(1);
      else expect(loser?.body.error).toBe("invalid_grant");
    }
  });
});

describe("200 concurrent clients", () => {
  it("each gets its own tokens, bound to its own client and user, and each refresh finds its own grant", async () => {
    const flows = Array.from({ length: 200 }, (_, i) => {
      const provider = PROVIDER_IDS[i % PROVIDER_IDS.length] as ProviderId;
      const client = { id: `load-${provider}-${i}`, secret: `load-secret-${i}` };
      sb.registerClient(provider, { clientId: client.id, clientSecret: client.secret });
      return { provider, client, user: `user-${i}` };
    });

    const results = await Promise.all(
      flows.map(async (flow) => {
        const issued = await sb.issueCode(flow.provider, {
          clientId: flow.client.id,
          user: flow.user,
          redirectUri: REDIRECT,
        });
        const first = await exchange(flow.provider, flow.client, issued.code);
        const firstTokens = tokens(flow.provider, first);
        const second = await refresh(flow.provider, flow.client, firstTokens.refresh ?? "");
        return { flow, first, firstTokens, second, secondTokens: tokens(flow.provider, second) };
      }),
    );

    for (const r of results) {
      expect(succeeded(r.flow.provider, r.first), `${r.flow.client.id} exchange`).toBe(true);
      expect(succeeded(r.flow.provider, r.second), `${r.flow.client.id} refresh`).toBe(true);
      // The sandbox's record of each token names the client and user that asked for it.
      for (const token of [
        r.firstTokens.access,
        r.firstTokens.refresh,
        r.secondTokens.access,
        r.secondTokens.refresh,
      ]) {
        const seen = sb.introspect(r.flow.provider, token ?? "");
        if (r.flow.provider === "avito" || r.flow.provider === "criteo") {
          // Rotation: the first refresh token is spent by the refresh.
          if (token === r.firstTokens.refresh) {
            expect(seen.active).toBe(false);
            continue;
          }
        }
        expect(seen).toMatchObject({ active: true, client_id: r.flow.client.id, sub: r.flow.user });
      }
      if (r.flow.provider === "douyin") expect(r.first.body.data.open_id).toBe(r.flow.user);
    }
    // Nothing crossed: no token was handed to two flows.
    const accessTokens = results.flatMap((r) => [r.firstTokens.access]);
    expect(new Set(accessTokens).size).toBe(200);
    const refreshTokens = results.map((r) => r.firstTokens.refresh);
    expect(new Set(refreshTokens).size).toBe(200);
  });
});
