// @x/oauth-store-redis: a TokenStore over Redis, so every instance of an app shares one token set per key and one
// refresh at a time. Each key is a hash {v: version, t: token set JSON}; writes are compare-and-set in Lua, the
// refresh lease is `SET lease NX PX ttl`, extended and released only by its holder (compare-and-delete in Lua).
import {
  type StoredTokenSet,
  type TokenLease,
  type TokenSet,
  type TokenStore,
  TokenStoreError,
} from "@x/oauth-core";

/** What the store needs of a connected node-redis client (`createClient().connect()`, a cluster or a pool). */
export interface RedisCommandClient {
  sendCommand(args: string[]): Promise<unknown>;
}

export interface RedisTokenStoreOptions {
  /** A connected node-redis client. The store never connects, closes or reconfigures it. */
  client: RedisCommandClient;
  /** Prepended to every Redis key. Default "oauth:". */
  prefix?: string;
  /** A command that has not answered after this long fails with TokenStoreError (e.g. Redis unreachable). Default 2,000 ms. */
  commandTimeoutMs?: number;
}

const COMPARE_AND_SET = `
local version = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
if version ~= tonumber(ARGV[1]) then return false end
version = version + 1
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], 't')
  redis.call('HSET', KEYS[1], 'v', version)
else
  redis.call('HSET', KEYS[1], 'v', version, 't', ARGV[2])
end
return version`;

const EXTEND_IF_HELD = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const DELETE_IF_HELD = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export class RedisTokenStore implements TokenStore {
  readonly prefix: string;
  readonly #client: RedisCommandClient;
  readonly #timeoutMs: number;

  constructor(options: RedisTokenStoreOptions) {
    this.#client = options.client;
    this.prefix = options.prefix ?? "oauth:";
    this.#timeoutMs = options.commandTimeoutMs ?? 2_000;
  }

  async get(key: string): Promise<StoredTokenSet> {
    const reply = await this.#send("HMGET", [this.#tokenKey(key), "v", "t"]);
    const [version, json] = Array.isArray(reply) ? reply : [];
    let tokenSet: TokenSet | undefined;
    if (typeof json === "string") {
      try {
        tokenSet = JSON.parse(json) as TokenSet;
      } catch {
        throw new TokenStoreError(`the token set under "${this.#tokenKey(key)}" is not JSON`);
      }
    }
    return { tokenSet, version: version === null || version === undefined ? 0 : Number(version) };
  }

  async compareAndSet(
    key: string,
    expectedVersion: number,
    tokenSet: TokenSet | undefined,
  ): Promise<number | undefined> {
    const json = tokenSet === undefined ? "" : JSON.stringify(tokenSet);
    const reply = await this.#eval(COMPARE_AND_SET, this.#tokenKey(key), [String(expectedVersion), json]);
    return reply === null || reply === undefined ? undefined : Number(reply);
  }

  async acquireLease(key: string, ttlMs: number): Promise<TokenLease | undefined> {
    const leaseKey = `${this.prefix}lease:${key}`;
    const holder = crypto.randomUUID();
    const taken = await this.#send("SET", [leaseKey, holder, "NX", "PX", String(Math.ceil(ttlMs))]);
    if (taken !== "OK") return undefined;
    return {
      extend: async (extendMs) =>
        Number(await this.#eval(EXTEND_IF_HELD, leaseKey, [holder, String(Math.ceil(extendMs))])) === 1,
      release: async () => {
        await this.#eval(DELETE_IF_HELD, leaseKey, [holder]);
      },
    };
  }

  #tokenKey(key: string): string {
    return `${this.prefix}token:${key}`;
  }

  #eval(script: string, key: string, args: string[]): Promise<unknown> {
    return this.#send("EVAL", [script, "1", key, ...args]);
  }

  /** One command, bounded by the timeout; failures become TokenStoreError without the command's arguments. */
  async #send(command: string, args: string[]): Promise<unknown> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new TokenStoreError(`redis ${command} did not answer within ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      );
    });
    try {
      return await Promise.race([this.#client.sendCommand([command, ...args]), timeout]);
    } catch (error) {
      if (error instanceof TokenStoreError) throw error;
      const reason = error instanceof Error ? error.name : "error";
      throw new TokenStoreError(`redis ${command} failed (${reason})`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}
