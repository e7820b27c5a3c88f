// One app instance holding many accounts, in its own Node process (started by ./instances.ts): Avito's
// createTokenManagers over a RedisTokenStore, told by its parent what to ask. Run with --expose-gc for heap figures.
import { createClient } from "redis";
import { RedisTokenStore } from "../src/index.js";
import { accountKey, accountManagers, walkAccounts } from "./accounts.js";

export interface AccountsInstanceConfig {
  baseUrl: string;
  redisUrl: string;
  prefix: string;
  maxManagers: number;
  retries?: number;
  refreshesAtOnce?: number;
}

export type AccountsCommand =
  /** Asks accounts from..to (see walkAccounts); answers its WalkResult. */
  | { type: "walk"; from: number; to: number; window?: number; callers?: number }
  /** Answers { heapUsed, rss } in bytes, after full collections. */
  | { type: "memory" }
  /**
   * Calls getAccessToken for `ms`, `concurrency` loops at once, each on accounts from..to in turn; answers
   * { calls, ms }.
   */
  | { type: "calls"; from: number; to: number; ms: number; concurrency: number }
  /** Keeps the event loop busy for `ms` at once (a process saturated by its other work), then answers {}. */
  | { type: "stall"; ms: number };

const config = JSON.parse(process.argv[2] ?? "{}") as AccountsInstanceConfig;
const client = createClient({ url: config.redisUrl });
client.on("error", () => undefined); // reconnects are the client's business; commands time out in the store
await client.connect();
const managers = accountManagers({
  baseUrl: config.baseUrl,
  store: new RedisTokenStore({ client, prefix: config.prefix }),
  maxManagers: config.maxManagers,
  ...(config.retries === undefined ? {} : { retries: config.retries }),
  ...(config.refreshesAtOnce === undefined ? {} : { refreshesAtOnce: config.refreshesAtOnce }),
});

async function calls(from: number, to: number, ms: number, concurrency: number) {
  const started = performance.now();
  const until = started + ms;
  let count = 0;
  let next = from;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const index = next;
        next = next + 1 >= to ? from : next + 1;
        await managers.get(accountKey(index)).getAccessToken();
        count++;
      }
    }),
  );
  return { calls: count, ms: performance.now() - started };
}

process.on("message", async (command: AccountsCommand & { id: number }) => {
  const answer = (message: object) => process.send?.({ ...message, id: command.id });
  switch (command.type) {
    case "walk":
      answer(await walkAccounts(managers, command.from, command.to, command));
      return;
    case "memory":
      // Twice: what the first collection finalizes (fetch's bodies and sockets) goes in the second.
      for (let round = 0; round < 2; round++) {
        (globalThis as { gc?: () => void }).gc?.();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      answer({ heapUsed: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss });
      return;
    case "calls":
      answer(await calls(command.from, command.to, command.ms, command.concurrency));
      return;
    case "stall": {
      const until = performance.now() + command.ms;
      while (performance.now() < until);
      answer({});
      return;
    }
  }
});
process.on("disconnect", () => client.destroy());
process.send?.({ type: "ready" });
