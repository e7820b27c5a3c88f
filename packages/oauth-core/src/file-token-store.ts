import type { TokenSet } from "./token-set.js";
import {
  MemoryTokenStore,
  type StoredTokenSet,
  type TokenLease,
  type TokenStore,
  TokenStoreError,
} from "./token-store.js";

type Entries = Record<string, StoredTokenSet>;

/**
 * Token sets in one JSON file, for one process (a CLI, a single server). Every write replaces the file
 * atomically (a temporary file with mode 0600, then rename), so a crash leaves the old or the new content.
 */
export class FileTokenStore implements TokenStore {
  readonly path: string;
  /** Writes of this process run one after another; the lease is this process's. */
  #queue: Promise<unknown> = Promise.resolve();
  readonly #leases = new MemoryTokenStore();

  constructor(options: { path: string }) {
    this.path = options.path;
  }

  async get(key: string): Promise<StoredTokenSet> {
    await this.#queue.catch(() => undefined);
    return (await this.#read())[key] ?? { tokenSet: undefined, version: 0 };
  }

  compareAndSet(
    key: string,
    expectedVersion: number,
    tokenSet: TokenSet | undefined,
  ): Promise<number | undefined> {
    const write = this.#queue
      .catch(() => undefined)
      .then(async () => {
        const entries = await this.#read();
        const version = entries[key]?.version ?? 0;
        if (version !== expectedVersion) return undefined;
        entries[key] = { tokenSet, version: version + 1 };
        await this.#write(entries);
        return version + 1;
      });
    this.#queue = write;
    return write;
  }

  acquireLease(key: string, ttlMs: number): Promise<TokenLease | undefined> {
    return this.#leases.acquireLease(key, ttlMs);
  }

  async #read(): Promise<Entries> {
    const fs = nodeFs();
    let text: string;
    try {
      text = await fs.readFile(this.path, "utf8");
    } catch (error) {
      if (systemCode(error) === "ENOENT") return {};
      throw new TokenStoreError(
        `cannot read token file ${this.path}: ${systemCode(error) ?? "unknown error"}`,
      );
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error();
      return parsed as Entries;
    } catch {
      throw new TokenStoreError(`token file ${this.path} is not a JSON object`);
    }
  }

  async #write(entries: Entries): Promise<void> {
    const fs = nodeFs();
    // A random suffix, not the pid: two writers (processes or stores) never share a temporary file.
    const temporary = `${this.path}.${crypto.randomUUID()}.tmp`;
    try {
      await fs.writeFile(temporary, `${JSON.stringify(entries)}\n`, { mode: 0o600 });
      await fs.rename(temporary, this.path);
    } catch (error) {
      await fs.rm(temporary, { force: true }).catch(() => undefined);
      throw new TokenStoreError(
        `cannot write token file ${this.path}: ${systemCode(error) ?? "unknown error"}`,
      );
    }
  }
}

/** Node's fs, fetched at run time: no import of it, so bundles for other platforms build without it. */
function nodeFs(): typeof import("node:fs/promises") {
  // biome-ignore lint/nursery/noJsRestrictedProperties: Node-only by design; found at run time, so other runtimes still load this module
  const fs = globalThis.process?.getBuiltinModule?.("node:fs/promises");
  if (!fs) throw new TokenStoreError("FileTokenStore needs Node.js 20.16 or later");
  return fs;
}

function systemCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
