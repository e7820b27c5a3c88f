// One app instance in its own Node process, for this package's tests and the fault suite (tests/lifecycle): a provider
// package's TokenManager over a RedisTokenStore or a FileTokenStore, driven by its parent over IPC (./instances.ts).
// It can be told to run its callers, to have its store's writes fail for a while, to move its Redis client to another
// server (a failover), and to write many keys (two file-store writers). Its clock may run off the true time by
// `clockOffsetMs`.
import { createTokenManager as avitoManager } from "@x/avito-auth";
import {
  FileTokenStore,
  OAuthApiError,
  ReauthorizationRequiredError,
  type TokenManager,
  type TokenSet,
  type TokenStore,
  TokenStoreError,
} from "@x/oauth-core";
import { createTokenManager as pinterestManager } from "@x/pinterest-oauth";
import { createClient } from "redis";
import { RedisTokenStore } from "../src/index.js";

export interface InstanceConfig {
  provider: "avito" | "pinterest";
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  store: { kind: "redis"; url: string; prefix: string } | { kind: "file"; path: string };
  key: string;
  refreshTimeoutMs: number;
  leaseTtlMs?: number;
  takeOverAfterMs?: number;
  /** This instance's clock minus the true time. */
  clockOffsetMs?: number;
}

/** What one caller ended with: a token, or an error's class name (and its kind for a provider's error). */
export type Outcome = { token: string } | { error: string };

export type Command =
  | { type: "go"; callers: number }
  | { type: "fail-writes"; ms: number; mode: "error" | "lost-reply" }
  | { type: "move"; url: string }
  | { type: "write"; keys: string[]; tokenSet: TokenSet };

const config = JSON.parse(process.argv[2] ?? "{}") as InstanceConfig;
if (config.clockOffsetMs) {
  const trueNow = Date.now;
  Date.now = () => trueNow() + (config.clockOffsetMs ?? 0);
}

/** The Redis connection, swappable as a failover moves clients to the promoted replica. */
type Client = { sendCommand(args: string[]): Promise<unknown>; destroy(): void };
let redis: Client | undefined;
async function connectRedis(url: string) {
  const next = createClient({ url, socket: { reconnectStrategy: 100 } });
  next.on("error", () => undefined); // reconnects are the client's business; commands time out in the store
  await next.connect();
  redis?.destroy();
  redis = next as unknown as Client;
}

/**
 * Writes of a token set (an instance writes only what its refreshes bring) fail from the first one for `ms`: as an
 * error, or applied with the reply lost.
 */
let faultWindow: { ms: number; mode: "error" | "lost-reply"; since?: number } | undefined;
function faulty(store: TokenStore): TokenStore {
  return {
    get: (key) => store.get(key),
    ...(store.acquireLease ? { acquireLease: store.acquireLease.bind(store) } : {}),
    ...(store.now ? { now: store.now.bind(store) } : {}),
    async compareAndSet(key, version, tokenSet, options) {
      const fault = faultWindow;
      if (fault && tokenSet) {
        fault.since ??= Date.now();
        if (Date.now() - fault.since < fault.ms) {
          if (fault.mode === "lost-reply") await store.compareAndSet(key, version, tokenSet, options);
          throw new TokenStoreError(`injected: the write's reply was lost (${fault.mode})`);
        }
      }
      return store.compareAndSet(key, version, tokenSet, options);
    },
  };
}

let store: TokenStore;
if (config.store.kind === "redis") {
  await connectRedis(config.store.url);
  const client = { sendCommand: (args: string[]) => (redis as Client).sendCommand(args) };
  store = new RedisTokenStore({ client, prefix: config.store.prefix });
} else {
  store = new FileTokenStore({ path: config.store.path });
}

const common = {
  store: faulty(store),
  key: config.key,
  refreshTimeoutMs: config.refreshTimeoutMs,
  leaseTtlMs: config.leaseTtlMs,
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

function outcomeOf(error: unknown): Outcome {
  if (error instanceof ReauthorizationRequiredError) return { error: "ReauthorizationRequiredError" };
  if (error instanceof OAuthApiError) return { error: `${error.name}:${error.kind}` };
  if (error instanceof TokenStoreError) return { error: "TokenStoreError" };
  return { error: String(error) };
}

process.on("message", async (command: Command & { id: number }) => {
  const answer = (message: object) => process.send?.({ ...message, id: command.id });
  switch (command.type) {
    case "go": {
      const outcomes = await Promise.all(
        Array.from({ length: command.callers }, () =>
          manager.getAccessToken().then((token): Outcome => ({ token }), outcomeOf),
        ),
      );
      answer({ outcomes });
      return;
    }
    case "fail-writes":
      faultWindow = { ms: command.ms, mode: command.mode };
      answer({});
      return;
    case "move":
      await connectRedis(command.url);
      answer({});
      return;
    case "write": {
      // Each key written once, all at once: which writes this store acknowledged.
      const acknowledged = await Promise.all(
        command.keys.map((key) =>
          store.compareAndSet(key, 0, command.tokenSet).then(
            (version) => (version === 1 ? key : undefined),
            () => undefined,
          ),
        ),
      );
      answer({ acknowledged: acknowledged.filter((key) => key !== undefined) });
      return;
    }
  }
});
process.on("disconnect", () => {
  redis?.destroy();
});
process.send?.({ type: "ready" });
