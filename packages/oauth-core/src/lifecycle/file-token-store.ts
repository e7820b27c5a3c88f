import { openStoredField, TokenEncryption, type TokenEncryptionOptions } from "./token-encryption.js";
import type { TokenSet } from "./token-set.js";
import {
  type RefusedTokenSet,
  type StoredTokenSet,
  type StoreEntry,
  storeRules,
  type TokenLease,
  type TokenStore,
  TokenStoreError,
  type WriteOptions,
} from "./token-store.js";

/** An entry as the file holds it: with encryption, its token set and refused set are encrypted strings. */
type FileEntry = StoreEntry<TokenSet | string, RefusedTokenSet | string>;
type Entries = Map<string, FileEntry>;
type LockLibrary = typeof import("proper-lockfile");

/** A lock older than this (not refreshed by a live holder) is stale and taken over. */
const LOCK_STALE_MS = 10_000;

/** Every read-modify-write of one file in this process, one after another, whichever store object runs it. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Token sets in one JSON file, shared by every store object and process that names it. Each read-modify-write runs
 * in this process's queue for the file's real path and under a lockfile (`<file>.lock`, stale locks taken over);
 * the refresh lease is a record in the file itself. Every write replaces the file atomically (a temporary file with
 * mode 0600, fsynced, then renamed, then the folder fsynced), so a crash leaves the old or the new content. With
 * `encryption`, every token set in the file is encrypted (AES-256-GCM, bound to its key).
 */
export class FileTokenStore implements TokenStore {
  readonly path: string;
  readonly #encryption: TokenEncryption | undefined;

  constructor(options: { path: string; encryption?: TokenEncryptionOptions | undefined }) {
    this.path = options.path;
    this.#encryption = options.encryption && new TokenEncryption(options.encryption);
  }

  async get(key: string): Promise<StoredTokenSet> {
    const entry = (await this.#read()).get(key);
    return storeRules.read(entry && (await this.#open(key, entry)));
  }

  async compareAndSet(
    key: string,
    expectedVersion: number,
    tokenSet: TokenSet | undefined,
    { fence, refused }: WriteOptions = {},
  ): Promise<number | undefined> {
    const [stored, storedRefused] = await Promise.all([
      this.#seal(key, "tokenSet", tokenSet),
      this.#seal(key, "refused", tokenSet === undefined ? refused : undefined),
    ]);
    return this.#update(key, (entry) =>
      storeRules.write(entry, expectedVersion, stored, { fence, refused: storedRefused }),
    );
  }

  async acquireLease(key: string, ttlMs: number, takeOverAfterMs: number): Promise<TokenLease | undefined> {
    const fence = await this.#update(key, (entry) =>
      storeRules.acquire(entry, Date.now(), ttlMs, takeOverAfterMs),
    );
    if (fence === undefined) return undefined;
    const extend = (extendMs: number, sending: boolean) =>
      this.#update(key, (entry) => storeRules.extend(entry, fence, Date.now(), extendMs, sending));
    return {
      fence,
      extend: (extendMs) => extend(extendMs, false),
      confirm: (extendMs) => extend(extendMs, true),
      release: (holdMs) => this.#update(key, (entry) => storeRules.release(entry, fence, Date.now(), holdMs)),
    };
  }

  /** Applies `change` to the entry of `key` under the queue and the lock; writes the file when it changed. */
  async #update<T>(key: string, change: (entry: FileEntry) => T): Promise<T> {
    const id = await this.#realPath();
    const previous = queues.get(id) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(() =>
        this.#locked(async () => {
          const entries = await this.#read();
          const entry = entries.get(key) ?? { version: 0 };
          const before = JSON.stringify(entry);
          const result = change(entry);
          if (JSON.stringify(entry) !== before) {
            entries.set(key, entry);
            await this.#write(entries);
          }
          return result;
        }),
      );
    queues.set(id, run);
    try {
      return await run;
    } finally {
      if (queues.get(id) === run) queues.delete(id);
    }
  }

  /** A value as the file keeps it: encrypted for this key and field when the store encrypts. */
  async #seal<T>(key: string, field: string, value: T | undefined): Promise<T | string | undefined> {
    if (value === undefined || this.#encryption === undefined) return value;
    return this.#encryption.seal(key, field, JSON.stringify(value));
  }

  /** An entry as read from the file, its token sets decrypted (when the store encrypts) and checked. */
  async #open(key: string, entry: FileEntry): Promise<StoreEntry> {
    const where = `token file ${this.path}: the entry of key ${JSON.stringify(key)}`;
    const field = async (name: string, stored: unknown, valid: (value: unknown) => boolean) => {
      if (stored === undefined) return undefined;
      const value = await openStoredField(this.#encryption, key, name, stored, where);
      if (!valid(value)) throw new TokenStoreError(`${where} is malformed`);
      return value;
    };
    return {
      ...entry,
      tokenSet: (await field("tokenSet", entry.tokenSet, isTokenSet)) as TokenSet | undefined,
      refused: (await field("refused", entry.refused, isRefused)) as RefusedTokenSet | undefined,
    };
  }

  /** The file's path with its folder's symbolic links resolved: two names of one file share one queue. */
  async #realPath(): Promise<string> {
    const path = nodePath();
    try {
      return path.join(await nodeFs().realpath(path.dirname(this.path)), path.basename(this.path));
    } catch (error) {
      throw new TokenStoreError(`cannot reach the folder of token file ${this.path}: ${systemCode(error)}`);
    }
  }

  async #locked<T>(task: () => Promise<T>): Promise<T> {
    const lockfile = await lockLibrary();
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(this.path, {
        realpath: false,
        stale: LOCK_STALE_MS,
        retries: { retries: 100, factor: 1.2, minTimeout: 5, maxTimeout: 200 },
        // A lock found stale and taken over by another writer: this writer's next write fails instead.
        onCompromised: () => undefined,
      });
    } catch (error) {
      throw new TokenStoreError(`cannot lock token file ${this.path}: ${systemCode(error)}`);
    }
    try {
      return await task();
    } finally {
      await release().catch(() => undefined);
    }
  }

  async #read(): Promise<Entries> {
    let text: string;
    try {
      text = await nodeFs().readFile(this.path, "utf8");
    } catch (error) {
      if (systemCode(error) === "ENOENT") return new Map();
      throw new TokenStoreError(`cannot read token file ${this.path}: ${systemCode(error)}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new TokenStoreError(`token file ${this.path} is not JSON`);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
      throw new TokenStoreError(`token file ${this.path} is not a JSON object`);
    // Own keys only, into a Map: a key such as "__proto__" or "constructor" is a key like any other.
    const entries: Entries = new Map();
    for (const [key, entry] of Object.entries(parsed)) {
      if (!isEntry(entry))
        throw new TokenStoreError(
          `token file ${this.path}: the entry of key ${JSON.stringify(key)} is malformed`,
        );
      entries.set(key, entry);
    }
    return entries;
  }

  async #write(entries: Entries): Promise<void> {
    const fs = nodeFs();
    const path = nodePath();
    // A random suffix, not the pid: two writers (processes or stores) never share a temporary file.
    const temporary = `${this.path}.${crypto.randomUUID()}.tmp`;
    const folder = path.dirname(this.path);
    try {
      const file = await fs.open(temporary, "w", 0o600);
      try {
        await file.writeFile(`${JSON.stringify(Object.fromEntries(entries))}\n`);
        await file.sync();
      } finally {
        await file.close();
      }
      await syncFolder(folder);
      await fs.rename(temporary, this.path);
      await syncFolder(folder);
    } catch (error) {
      await fs.rm(temporary, { force: true }).catch(() => undefined);
      throw new TokenStoreError(`cannot write token file ${this.path}: ${systemCode(error)}`);
    }
  }
}

/** An entry as the stores write it; anything else in the file is a fault to report, never to loop on. */
function isEntry(value: unknown): value is FileEntry {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const entry = value as Record<string, unknown>;
  const count = (name: string) => entry[name] === undefined || isCount(entry[name]);
  return (
    isCount(entry.version) &&
    // An encrypted field is a string, checked once decrypted.
    (entry.tokenSet === undefined || typeof entry.tokenSet === "string" || isTokenSet(entry.tokenSet)) &&
    (entry.refused === undefined || typeof entry.refused === "string" || isRefused(entry.refused)) &&
    count("fence") &&
    count("leaseUntil") &&
    count("sentFor")
  );
}

function isRefused(value: unknown): boolean {
  return isTokenSet((value as { tokenSet?: unknown } | null)?.tokenSet);
}

function isCount(value: unknown): boolean {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function isTokenSet(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const set = value as Record<string, unknown>;
  return (
    typeof set.accessToken === "string" &&
    typeof set.tokenType === "string" &&
    typeof set.expiresAt === "number" &&
    Array.isArray(set.scopes) &&
    (set.refreshToken === undefined || typeof set.refreshToken === "string")
  );
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await nodeFs().open(folder, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The lockfile library, loaded on first use: bundles for runtimes without a file system never include it. */
let lockLibraryLoad: Promise<LockLibrary> | undefined;
function lockLibrary(): Promise<LockLibrary> {
  const name = "proper-lockfile";
  lockLibraryLoad ??= import(/* @vite-ignore */ name).then(
    (module: LockLibrary & { default?: LockLibrary }) => module.default ?? module,
  );
  return lockLibraryLoad;
}

/** Node's fs, fetched at run time: no import of it, so bundles for other platforms build without it. */
function nodeFs(): typeof import("node:fs/promises") {
  const fs = globalThis.process?.getBuiltinModule?.("node:fs/promises");
  if (!fs) throw new TokenStoreError("FileTokenStore needs Node.js 20.16 or later");
  return fs;
}

function nodePath(): typeof import("node:path") {
  const path = globalThis.process?.getBuiltinModule?.("node:path");
  if (!path) throw new TokenStoreError("FileTokenStore needs Node.js 20.16 or later");
  return path;
}

function systemCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "unknown error";
}
