// The helpers behind every provider's generated createTokenManager and authorizationUrl: the request each grant
// sends (to a real token endpoint on 127.0.0.1), the grant chosen, and the authorize URL's client id.
import { startTestServer, type TestServer } from "@x/test-utils/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  authorizationUrlFromOptions,
  createProviderTokenManager,
  type GrantCall,
  type ProviderTokenTable,
} from "../src/index.js";

interface Config {
  baseUrl: string;
}

/** A grant call as codegen emits one: `connect` builds the client once, the sender posts the form. */
function grantCall(operation: string, fields: Pick<GrantCall<Config>, "credentials" | "options">) {
  const connected: (Config | undefined)[] = [];
  const call: GrantCall<Config> = {
    operation,
    ...fields,
    connect(config) {
      connected.push(config);
      if (!config?.baseUrl) throw new TypeError("baseUrl is required");
      return async (params, signal) => {
        const response = await fetch(config.baseUrl, {
          method: "POST",
          body: new URLSearchParams(params),
          signal,
        });
        return response.json();
      };
    },
  };
  return { call, connected };
}

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
  server.reply({ body: { access_token: "at-1", refresh_token: "rt-2", expires_in: 3600 } });
});
afterEach(() => server.close());

function table(grants: ProviderTokenTable<Config>["grants"]): ProviderTokenTable<Config> {
  return {
    provider: "example",
    packageName: "@x/example-oauth",
    fields: { accessToken: "access_token", expiresIn: "expires_in", refreshToken: "refresh_token" },
    refusedCodes: ["invalid_grant"],
    grants,
  };
}

const tokenSet = { accessToken: "old", tokenType: "Bearer", expiresAt: 0, scopes: [], extra: {}, raw: {} };

describe("createProviderTokenManager", () => {
  it("renews with refresh_token by default: the refresh token, the grant's credentials, its set options", async () => {
    const refresh = grantCall("refreshToken", {
      credentials: ["client_id", "client_secret"],
      options: ["scope"],
    });
    const manager = createProviderTokenManager(table({ refresh_token: refresh.call }), {
      config: { baseUrl: server.url },
      credentials: { client_id: "id", client_secret: "secret", client_other: "not sent" },
    });
    // The config as given, with its fetch wrapped to read the provider's clock (its answers' Date header).
    expect(refresh.connected).toEqual([{ baseUrl: server.url, fetch: expect.any(Function) }]);
    await manager.setTokenSet({ ...tokenSet, refreshToken: "rt-1" });

    expect(await manager.getAccessToken()).toBe("at-1");
    expect(server.lastRequest().body).toBe(
      "grant_type=refresh_token&refresh_token=rt-1&client_id=id&client_secret=secret",
    );
    expect((await manager.getTokenSet())?.refreshToken).toBe("rt-2");
  });

  it("judges expiry by the provider's clock (its answers' Date header) once it has seen one", async () => {
    // The provider's clock is 5 minutes ahead of ours: ours is 5 minutes slow.
    let issued = 0;
    server.reset();
    server.reply(() => ({
      headers: { date: new Date(Date.now() + 5 * 60_000).toUTCString() },
      body: { access_token: `at-${++issued}`, refresh_token: `rt-${issued + 1}`, expires_in: 3600 },
    }));
    const call: GrantCall<Config & { fetch?: typeof fetch }> = {
      operation: "refreshToken",
      connect: (config) => async (params, signal) => {
        const body = new URLSearchParams(params);
        const response = await (config?.fetch ?? fetch)(server.url, { method: "POST", body, signal });
        return response.json();
      },
    };
    const manager = createProviderTokenManager(table({ refresh_token: call }), {
      config: { baseUrl: server.url },
    });
    await manager.setTokenSet({ ...tokenSet, refreshToken: "rt-1" });
    expect(await manager.getAccessToken()).toBe("at-1"); // the first answer tells the provider's time
    // Two minutes left by our clock, three minutes past expiry by the provider's: refreshed, not served.
    await manager.setTokenSet({
      ...tokenSet,
      accessToken: "stale",
      expiresAt: Date.now() + 120_000,
      refreshToken: "rt-2",
    });
    expect(await manager.getAccessToken()).toBe("at-2");
  });

  it("sends client_credentials without a refresh token, with the options it takes", async () => {
    const refresh = grantCall("refreshToken", {});
    const clientCredentials = grantCall("clientToken", { options: ["scope"] });
    // As a generated options type adds them: a grant's own options beside the manager's.
    const options = { config: { baseUrl: server.url }, grant: "client_credentials" as const, scope: "read" };
    const manager = createProviderTokenManager(
      table({ refresh_token: refresh.call, client_credentials: clientCredentials.call }),
      options,
    );
    expect(refresh.connected).toEqual([]);
    expect(await manager.getAccessToken()).toBe("at-1");
    expect(server.lastRequest().body).toBe("grant_type=client_credentials&scope=read");
  });

  it("refuses a grant the table has none for, naming the package; a bad config fails at creation", () => {
    const refresh = grantCall("refreshToken", {});
    const create = (grant: string) =>
      createProviderTokenManager(table({ refresh_token: refresh.call }), {
        config: { baseUrl: server.url },
        grant: grant as "client_credentials",
      });
    expect(() => create("client_credentials")).toThrow(
      new TypeError("@x/example-oauth has no client_credentials grant"),
    );
    expect(() => create("toString")).toThrow(new TypeError("@x/example-oauth has no toString grant"));
    expect(() => createProviderTokenManager(table({ refresh_token: refresh.call }), {})).toThrow(
      "baseUrl is required",
    );
  });
});

describe("authorizationUrlFromOptions", () => {
  it("reads the client id under the flow's name for it, and passes the rest on", () => {
    const flow = {
      authorizationUrl: "https://t.example/authorize",
      parameterNames: { client_id: "client_key" },
    };
    const options = {
      client_key: "key",
      redirect_uri: "https://app.example/cb",
      scopes: ["a", "b"],
      extraParameters: { prompt: "none" },
    };
    const { url, state } = authorizationUrlFromOptions(flow, options);
    const query = new URL(url).searchParams;
    expect(Object.fromEntries(query)).toEqual({
      response_type: "code",
      client_key: "key",
      redirect_uri: "https://app.example/cb",
      scope: "a b",
      state,
      prompt: "none",
    });
    expect(state).toMatch(/^[0-9a-f]{32}$/);
    const plainOptions = { client_id: "id", state: "s".repeat(16) };
    const plain = authorizationUrlFromOptions({ authorizationUrl: "https://t.example/a" }, plainOptions);
    expect(plain.url).toBe(`https://t.example/a?response_type=code&client_id=id&state=${"s".repeat(16)}`);
  });
});
