// Reads a spec once: YAML with line positions, local $refs, and located failures.
import { readFileSync } from "node:fs";
import { type Document, isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { OpenApiDocument } from "./document.js";
import { SpecModelError } from "./errors.js";
import { pointer, pointerSegments } from "./pointer.js";

/** The YAML model of a spec's text, with the position of every node. */
interface Located {
  yaml: Document.Parsed;
  lines: LineCounter;
}

/** YAML text as yaml's model; text that does not parse fails with its line. */
function locatedYaml(text: string, file: string): Located {
  const lines = new LineCounter();
  const yaml = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const [problem] = yaml.errors;
  if (problem) {
    const { line, col } = lines.linePos(problem.pos[0]);
    throw new SpecModelError(file, "YAML", problem.message.split("\n")[0] ?? problem.message, line, col);
  }
  return { yaml, lines };
}

/**
 * Keys whose values are data, not OpenAPI objects: a `$ref` inside one is a value (an example of a document that has
 * references, or a vendor's build-time convention for example files), not a reference.
 */
const DATA_KEYS = new Set(["example", "default", "enum", "const"]);
function isData(place: readonly string[], key: string): boolean {
  return DATA_KEYS.has(key) || (key === "value" && place.at(-2) === "examples");
}

/** One parsed spec: its document, and where each place of it is in the file. */
export class SpecDocument {
  readonly document: OpenApiDocument;
  readonly #located: Located;

  private constructor(
    /** The file as messages name it (repo-relative in the repository's tools). */
    readonly file: string,
    readonly text: string,
    document: unknown,
    located: Located,
  ) {
    this.#located = located;
    if (!document || typeof document !== "object" || !("openapi" in document)) {
      this.fail(pointer("openapi"), "not an OpenAPI 3 document");
    }
    this.document = document as OpenApiDocument;
  }

  /** Parses YAML text; a document that does not parse fails with its line. */
  static parse(text: string, file: string): SpecDocument {
    const located = locatedYaml(text, file);
    return new SpecDocument(file, text, located.yaml.toJS({ maxAliasCount: 100 }), located);
  }

  /** The same file with a document made from this one (its external `$ref`s bundled in): places still come from its text. */
  withDocument(document: unknown): SpecDocument {
    return new SpecDocument(this.file, this.text, document, this.#located);
  }

  /** Reads and parses a file; `displayName` names it in messages (default: the path as given). */
  static read(path: string, displayName = path): SpecDocument {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      throw new SpecModelError(displayName, "#", `cannot be read (${(error as Error).message})`);
    }
    return SpecDocument.parse(text, displayName);
  }

  /** Line and column of a place: the deepest existing node on the pointer's path (a missing key: its parent). */
  locate(place: string): { line: number; col: number } {
    const { yaml, lines } = this.#located;
    let node: Node | null | undefined = yaml.contents;
    let found = node?.range?.[0] ?? 0;
    for (const segment of pointerSegments(place) ?? []) {
      if (isMap(node)) {
        const pair = node.items.find((item) => String((item.key as { value?: unknown })?.value) === segment);
        if (!pair) break;
        found = (pair.key as Node).range?.[0] ?? found;
        node = pair.value as Node | null;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)] as Node | undefined;
        if (!item) break;
        found = item.range?.[0] ?? found;
        node = item;
      } else break;
    }
    return lines.linePos(found);
  }

  /** Throws the located error of a place. */
  fail(place: string, problem: string): never {
    const { line, col } = this.locate(place);
    throw new SpecModelError(this.file, place, problem, line, col);
  }

  /** The value at a local reference, or undefined. */
  at(ref: string): unknown {
    let target: unknown = this.document;
    for (const key of pointerSegments(ref) ?? []) {
      target = target && typeof target === "object" ? (target as Record<string, unknown>)[key] : undefined;
    }
    return target;
  }

  /** Follows local `$ref`s to their target; `place` is where the value sits, for the message. */
  resolve<T extends { $ref?: string }>(value: T, place: string): T {
    let current: T = value;
    const seen = new Set<string>();
    while (current.$ref !== undefined) {
      const ref = current.$ref;
      if (seen.has(ref)) this.fail(place, `$ref cycle at ${ref}`);
      seen.add(ref);
      if (pointerSegments(ref) === undefined) this.fail(place, `only local $refs are supported, got ${ref}`);
      const target = this.at(ref);
      if (!target || typeof target !== "object") this.fail(place, `unresolved $ref ${ref}`);
      current = target as T;
    }
    return current;
  }

  /** Fails at the first `$ref` anywhere in the document that does not resolve. */
  checkReferences(): void {
    const visit = (value: unknown, place: string[]): void => {
      if (Array.isArray(value)) {
        for (const [index, item] of value.entries()) visit(item, [...place, String(index)]);
        return;
      }
      if (!value || typeof value !== "object") return;
      if (typeof (value as { $ref?: unknown }).$ref === "string")
        this.resolve(value as { $ref: string }, pointer(...place, "$ref"));
      for (const [key, child] of Object.entries(value)) {
        if (key !== "$ref" && !isData(place, key)) visit(child, [...place, key]);
      }
    };
    visit(this.document, []);
  }
}
