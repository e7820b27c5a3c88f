// A cache of a pure function's results on disk (node_modules/.cache/<name>), keyed by the input and by everything
// else the result depends on (tool versions, configuration, the code itself): the `fingerprint`.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./repo.js";

export class ContentCache {
  readonly #dir: string;
  #fingerprint: string | undefined;

  constructor(
    name: string,
    /** Files whose content the results depend on; read once, on first use. */
    readonly dependsOn: () => string[],
  ) {
    this.#dir = path.join(repoRoot, "node_modules", ".cache", name);
  }

  #entry(key: string): string {
    this.#fingerprint ??= this.dependsOn()
      .reduce((hash, file) => hash.update(readFileSync(file)), createHash("sha256"))
      .digest("hex");
    return path.join(this.#dir, createHash("sha256").update(this.#fingerprint).update(key).digest("hex"));
  }

  get(key: string): string | undefined {
    const entry = this.#entry(key);
    return existsSync(entry) ? readFileSync(entry, "utf8") : undefined;
  }

  set(key: string, value: string): void {
    mkdirSync(this.#dir, { recursive: true });
    const entry = this.#entry(key);
    // Whole or not at all: a reader never sees half an entry.
    writeFileSync(`${entry}.${process.pid}.tmp`, value);
    renameSync(`${entry}.${process.pid}.tmp`, entry);
  }
}
