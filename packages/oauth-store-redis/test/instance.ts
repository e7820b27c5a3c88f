// One app instance in its own Node process: a TokenManager over a RedisTokenStore, told by its parent (IPC) when to
// let its callers ask for the access token at once. Reports every caller's outcome.
import { createTokenManager as avitoManager } from "@x/avito-auth";
import { ReauthorizationRequiredError, type TokenManager } from "@x/oauth-core";
import { createTokenManager as pinterestManager } from "@x/pinterest-oauth";
import { createClient } from "redis";
import { RedisTokenStore } from "../src/index.js";

export interface InstanceConfig {
  provider: "avito" | "pinterest";
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  redisUrl: string;
  prefix: string;
  key: string;
  callers: number;
  refreshTimeoutMs: number;
  takeOverAfterMs?: number;
}

export type Outcome = { token: string } | { error: string };

const config = JSON.parse(process.env.INSTANCE_CONFIG ?? "{}") as InstanceConfig;
const client = createClient({ url: config.redisUrl });
client.on("error", () => undefined); // reconnects are the client's business; commands time out in the store
await client.connect();
const store = new RedisTokenStore({ client, prefix: config.prefix });
const common = {
  store,
  key: config.key,
  refreshTimeoutMs: config.refreshTimeoutMs,
  takeOverAfterMs: config.takeOverAfterMs,
  leasePollMs: 20,
};
const manager: TokenManager =
  config.provider === "avito"
    ? avitoManager({
        ...common,
        config: { baseUrl: config.baseUrl },
        credentials: { client_id: config.clientId, client_secret: config.clientSecret },
      })
    : pinterestManager({
        ...common,
        config: { baseUrl: config.baseUrl, clientId: config.clientId, clientSecret: config.clientSecret },
      });

process.on("message", async (message) => {
  if (message !== "go") return;
  const outcomes = await Promise.all(
    Array.from({ length: config.callers }, () =>
      manager.getAccessToken().then(
        (token): Outcome => ({ token }),
        (error: unknown): Outcome => ({
          error:
            error instanceof ReauthorizationRequiredError ? "ReauthorizationRequiredError" : String(error),
        }),
      ),
    ),
  );
  process.send?.({ type: "done", outcomes }, () => {
    client.destroy();
    process.disconnect();
  });
});
process.send?.({ type: "ready" });
