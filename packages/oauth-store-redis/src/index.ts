// @x/oauth-store-redis: a TokenStore over Redis, so every instance of an app shares one token set per key and one
// refresh at a time. Everything of one key lives in one hash, `<prefix>{<key>}` (one cluster slot by its hash tag):
// the version, the token set, a refused set kept as a tombstone, and the refresh lease with its fencing number. Every
// change is one Lua script on that hash alone, timed by Redis's own clock, and waits (WAIT) for the replicas online
// when it ran (the script counts them).
import {
  openStoredField,
  type RefusedTokenSet,
  type StoredTokenSet,
  TokenEncryption,
  type TokenEncryptionOptions,
  type TokenLease,
  type TokenSet,
  type TokenStore,
  TokenStoreError,
  type WriteOptions,
  whenFreeFor,
} from "@x/oauth-core";

/** node-redis's standalone client (`createClient()`), or anything that sends one command to one Redis. */
export interface RedisStandaloneClient {
  sendCommand(args: string[]): Promise<unknown>;
}

/** node-redis's cluster client (`createCluster()`): a command goes to the primary of its first key's slot. */
export interface RedisClusterClient {
  sendCommand(
    firstKey: string | undefined,
    isReadonly: boolean | undefined,
    args: string[],
  ): Promise<unknown>;
  readonly masters: readonly unknown[];
}

/** node-redis's Sentinel client (`createSentinel()`): a command goes to the primary Sentinel names now. */
export interface RedisSentinelClient {
  sendCommand(isReadonly: boolean | undefined, args: string[]): Promise<unknown>;
  getMasterNode(): unknown;
}

/** What the store takes: a connected node-redis client of any of the three kinds. */
export type RedisCommandClient = RedisStandaloneClient | RedisClusterClient | RedisSentinelClient;

export interface RedisTokenStoreOptions {
  /**
   * A connected node-redis client: `createClient`, `createCluster` or `createSentinel` (with its default
   * `masterPoolSize` 1: `WAIT` must reach the connection that wrote). The store never connects, closes or
   * reconfigures it.
   */
  client: RedisCommandClient;
  /** Prepended to every Redis key. Default "oauth:". */
  prefix?: string;
  /**
   * A command that has not answered after this long fails with TokenStoreError (e.g. Redis unreachable); judged after
   * the process has read what its socket holds. Default 2,000 ms.
   */
  commandTimeoutMs?: number;
  /**
   * How many replicas must acknowledge every write (WAIT) before it counts: "connected" (the default) waits for all
   * the replicas connected to the primary at that moment; a number requires that many.
   */
  replicas?: number | "connected";
  /** How long a write waits for its replicas before it fails as not durable. Default 1,000 ms. */
  replicaTimeoutMs?: number;
  /**
   * Encrypts every token set (and refused set) before it reaches Redis, AES-256-GCM bound to its key: the first key
   * encrypts, every key decrypts. Without it, token sets are stored as JSON.
   */
  encryption?: TokenEncryptionOptions | undefined;
}

/**
 * A change script as sent: `body` runs as a function; a refusal (false or 0) answers an empty list, anything else
 * `{ result, replicas online }` as the primary counts them at that moment (INFO replication, read in the same script:
 * no ROLE round trip per write; 0 where INFO is not allowed), for WAIT.
 */
const change = (body: string) => `local function change()
${body}
end
local r = change()
if not r or r == 0 then return {} end
local online = 0
local info = redis.pcall('INFO', 'replication')
if type(info) == 'string' then
  for _ in string.gmatch(info, 'slave%d+:[^\\r\\n]*state=online') do online = online + 1 end
end
return {r, online}`;

const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** ARGV: expected version, token set JSON ('' clears), fence ('' for none), refused set JSON ('' for none). */
const WRITE = change(`
local h = KEYS[1]
local v = tonumber(redis.call('HGET', h, 'v') or '0')
if v ~= tonumber(ARGV[1]) then return false end
if ARGV[3] ~= '' and redis.call('HGET', h, 'f') ~= ARGV[3] then return false end
v = v + 1
redis.call('HSET', h, 'v', v)
redis.call('HDEL', h, 's')
if ARGV[2] == '' then redis.call('HDEL', h, 't') else redis.call('HSET', h, 't', ARGV[2]) end
if ARGV[4] == '' then redis.call('HDEL', h, 'r') else redis.call('HSET', h, 'r', ARGV[4]) end
return v`);

/** ARGV: ttl ms, take-over ms. Returns the new fence, or false. */
const ACQUIRE = change(`${NOW}
local h = KEYS[1]
local u = tonumber(redis.call('HGET', h, 'u') or '0')
if u > now then return false end
local v = redis.call('HGET', h, 'v') or '0'
if redis.call('HGET', h, 's') == v and now < u + tonumber(ARGV[2]) then return false end
local f = redis.call('HINCRBY', h, 'f', 1)
redis.call('HSET', h, 'u', now + tonumber(ARGV[1]))
redis.call('HDEL', h, 's')
return f`);

/** ARGV: fence, ttl ms, '1' to mark a refresh of the current version as sent. */
const EXTEND = change(`${NOW}
local h = KEYS[1]
if redis.call('HGET', h, 'f') ~= ARGV[1] then return 0 end
redis.call('HSET', h, 'u', now + tonumber(ARGV[2]))
if ARGV[3] == '1' then redis.call('HSET', h, 's', redis.call('HGET', h, 'v') or '0') end
return 1`);

/** ARGV: fence, ms nobody may take the lease for (0: free at once). */
const RELEASE = change(`${NOW}
local h = KEYS[1]
if redis.call('HGET', h, 'f') ~= ARGV[1] then return 0 end
local hold = tonumber(ARGV[2])
redis.call('HSET', h, 'u', hold > 0 and now + hold or 0)
redis.call('HDEL', h, 's')
return 1`);

export class RedisTokenStore implements TokenStore {
  readonly prefix: string;
  /** Sends one command; `key` routes it (a cluster sends it to the primary of that key's slot). */
  readonly #sendCommand: (key: string | undefined, args: string[]) => Promise<unknown>;
  readonly #timeoutMs: number;
  readonly #replicas: number | "connected";
  readonly #replicaTimeoutMs: number;
  readonly #encryption: TokenEncryption | undefined;
  #checked: Promise<void> | undefined;

  constructor(options: RedisTokenStoreOptions) {
    this.#sendCommand = commandSender(options.client);
    this.prefix = options.prefix ?? "oauth:";
    this.#timeoutMs = options.commandTimeoutMs ?? 2_000;
    this.#replicas = options.replicas ?? "connected";
    this.#replicaTimeoutMs = options.replicaTimeoutMs ?? 1_000;
    this.#encryption = options.encryption && new TokenEncryption(options.encryption);
  }

  /** The Redis key of one token store key: a hash tag, so a cluster keeps it in one slot. */
  redisKey(key: string): string {
    return `${this.prefix}{${key}}`;
  }

  async get(key: string): Promise<StoredTokenSet> {
    await this.#check();
    const reply = await this.#send("HMGET", [this.redisKey(key), "v", "t", "r"], key);
    const [version, tokenSet, refused] = Array.isArray(reply) ? reply : [];
    return {
      tokenSet: await this.#open<TokenSet>(key, "tokenSet", tokenSet),
      version: version === null || version === undefined ? 0 : Number(version),
      ...(typeof refused === "string"
        ? { refused: await this.#open<RefusedTokenSet>(key, "refused", refused) }
        : {}),
    };
  }

  async compareAndSet(
    key: string,
    expectedVersion: number,
    tokenSet: TokenSet | undefined,
    { fence, refused }: WriteOptions = {},
  ): Promise<number | undefined> {
    const reply = await this.#change(WRITE, key, [
      String(expectedVersion),
      await this.#seal(key, "tokenSet", tokenSet),
      fence === undefined ? "" : String(fence),
      await this.#seal(key, "refused", tokenSet === undefined ? refused : undefined),
    ]);
    return reply === undefined ? undefined : Number(reply);
  }

  async acquireLease(key: string, ttlMs: number, takeOverAfterMs: number): Promise<TokenLease | undefined> {
    const reply = await this.#change(ACQUIRE, key, [ms(ttlMs), ms(takeOverAfterMs)]);
    if (reply === undefined) return undefined;
    const fence = String(reply);
    const extend = async (extendMs: number, sending: "1" | "0") =>
      (await this.#change(EXTEND, key, [fence, ms(extendMs), sending])) !== undefined;
    return {
      fence: Number(fence),
      extend: (extendMs) => extend(extendMs, "0"),
      confirm: (extendMs) => extend(extendMs, "1"),
      release: async (holdMs = 0) => {
        await this.#change(RELEASE, key, [fence, ms(holdMs)]);
      },
    };
  }

  /** Redis's clock (TIME), shared by every instance. */
  async now(): Promise<number> {
    const reply = await this.#send("TIME", []);
    const [seconds, micros] = Array.isArray(reply) ? reply.map(Number) : [];
    if (seconds === undefined || micros === undefined) throw new TokenStoreError("redis TIME gave no time");
    return seconds * 1000 + Math.floor(micros / 1000);
  }

  /**
   * One script on the key's hash; what it wrote counts only once the replicas acknowledged it. Undefined when the
   * script refused (wrote nothing).
   */
  async #change(script: string, key: string, args: string[]): Promise<unknown> {
    await this.#check();
    const reply = await this.#send("EVAL", [script, "1", this.redisKey(key), ...args], key);
    if (!Array.isArray(reply) || reply.length < 2) return undefined; // refused: nothing written
    const [result, online] = reply;
    // WAIT goes where the script went: the primary of the key's slot, on the connection that wrote.
    const replicas = this.#replicas === "connected" ? Number(online) : this.#replicas;
    if (replicas > 0) {
      const acknowledged = Number(
        await this.#send("WAIT", [String(replicas), String(this.#replicaTimeoutMs)], key),
      );
      if (acknowledged < replicas) {
        throw new TokenStoreError(
          `redis: a write reached ${acknowledged} of ${replicas} replicas within ${this.#replicaTimeoutMs} ms (not durable)`,
        );
      }
    }
    return result;
  }

  /** On first use: refuses a maxmemory-policy that may evict any key (where CONFIG GET is allowed). */
  #check(): Promise<void> {
    this.#checked ??= this.#send("CONFIG", ["GET", "maxmemory-policy"]).then(
      (reply) => {
        // A [name, value] list (RESP2) or a map (RESP3), as the client gives it.
        const value = Array.isArray(reply)
          ? reply[1]
          : reply instanceof Map
            ? reply.get("maxmemory-policy")
            : (reply as Record<string, unknown> | null)?.["maxmemory-policy"];
        const policy = String(value ?? "");
        if (policy.startsWith("allkeys-")) {
          throw new TokenStoreError(
            `redis maxmemory-policy is ${policy}: Redis may evict token sets under memory pressure, losing the only refresh token the provider accepts; set noeviction (or a volatile-* policy, which never evicts these keys: they have no TTL)`,
          );
        }
      },
      (error: unknown) => {
        this.#checked = refusedByServer(error) ? Promise.resolve() : undefined; // not allowed, or try again
        if (!refusedByServer(error)) throw error;
      },
    );
    return this.#checked;
  }

  /** A value as Redis keeps it ('' for none): its JSON, encrypted for this key and field when the store encrypts. */
  async #seal(key: string, field: string, value: unknown): Promise<string> {
    if (value === undefined) return "";
    const json = JSON.stringify(value);
    return this.#encryption ? this.#encryption.seal(key, field, json) : json;
  }

  async #open<T>(key: string, field: string, stored: unknown): Promise<T | undefined> {
    if (typeof stored !== "string") return undefined;
    const where = `the ${field === "tokenSet" ? "token set" : "refused set"} under "${this.redisKey(key)}"`;
    const value = await openStoredField(this.#encryption, key, field, stored, where);
    if (this.#encryption) return value as T;
    try {
      return JSON.parse(value as string) as T;
    } catch {
      throw new TokenStoreError(`${where} is not JSON`);
    }
  }

  /**
   * One command, bounded by the timeout; failures become TokenStoreError without the command's arguments. `key` (a
   * token store key) routes it to the primary that holds that key; without, any primary answers.
   */
  async #send(command: string, args: string[], key?: string): Promise<unknown> {
    let stop = () => {};
    // WAIT answers after its own timeout at the latest.
    const limit = this.#timeoutMs + (command === "WAIT" ? this.#replicaTimeoutMs : 0);
    const timeout = new Promise<never>((_, reject) => {
      stop = whenFreeFor(limit, () =>
        reject(new TokenStoreError(`redis ${command} did not answer within ${limit} ms`)),
      );
    });
    try {
      const routeBy = key === undefined ? undefined : this.redisKey(key);
      return await Promise.race([this.#sendCommand(routeBy, [command, ...args]), timeout]);
    } catch (error) {
      if (error instanceof TokenStoreError) throw error;
      const reason = error instanceof Error ? error.name : "error";
      throw new TokenStoreError(`redis ${command} failed (${reason})`, { cause: error });
    } finally {
      stop();
    }
  }
}

/**
 * How to send one command with this kind of client. Every command goes to a primary (never `isReadonly`, so a
 * cluster reading from replicas still reads the latest write).
 */
function commandSender(
  client: RedisCommandClient,
): (key: string | undefined, args: string[]) => Promise<unknown> {
  if ("masters" in client) return (key, args) => client.sendCommand(key, false, args);
  if ("getMasterNode" in client) return (_key, args) => client.sendCommand(false, args);
  return (_key, args) => client.sendCommand(args);
}

/** Redis answered with an error (e.g. ERR, NOPERM: a command not allowed), rather than not at all. */
function refusedByServer(error: unknown): boolean {
  const cause = error instanceof TokenStoreError ? error.cause : undefined;
  return cause instanceof Error && /^[A-Z]{2,}\b/.test(cause.message);
}

function ms(value: number): string {
  return String(Math.ceil(value));
}
