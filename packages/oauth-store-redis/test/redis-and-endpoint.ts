// What the many-account tests share: a real redis-server with a connected client, the counting token endpoint, and
// the app processes a test starts; all stopped after the file's tests.
import { createClient } from "redis";
import { afterAll, beforeAll } from "vitest";
import type { AccountsCommand } from "./accounts-instance.js";
import type { Instance } from "./instances.js";
import { type RedisServer, startRedisServer } from "./redis-server.js";
import { startTokenEndpoint, type TokenEndpoint, type TokenEndpointOptions } from "./token-endpoint.js";

export interface RedisAndEndpoint {
  redis: RedisServer;
  client: ReturnType<typeof createClient>;
  endpoint: TokenEndpoint;
  /** The app processes a test starts: killed after the file's tests. */
  instances: Instance<AccountsCommand>[];
}

/** Starts them before the file's tests and stops them after; the fields are set once the tests run. */
export function useRedisAndEndpoint(options?: TokenEndpointOptions): RedisAndEndpoint {
  const setup = { instances: [] as Instance<AccountsCommand>[] } as RedisAndEndpoint;
  beforeAll(async () => {
    setup.redis = await startRedisServer();
    setup.client = createClient({ url: setup.redis.url });
    await setup.client.connect();
    setup.endpoint = await startTokenEndpoint(options);
  });
  afterAll(async () => {
    for (const instance of setup.instances) instance.kill();
    setup.client?.destroy();
    await setup.endpoint?.close();
    await setup.redis?.stop();
  });
  return setup;
}
