// Reads a spec with js-yaml, several times faster than yaml's document model (the codegen reads up to a hundred specs
// per run). The document is the one SpecDocument.parse makes (both are YAML 1.2 core schema, duplicate keys refused;
// test/read-fast.test.ts compares them on every spec and fixture); yaml's model, with the positions, is made only
// for a failure's place. Text js-yaml refuses goes to SpecDocument.parse, so a YAML error reads as it always has.
// Its own entry (@x/spec-model/read-fast), so what imports only the package's main entry does not load js-yaml.
import { load } from "js-yaml";
import { readSpecText, SpecDocument } from "./read.js";

/** SpecDocument.read, faster. */
export function readSpecFast(path: string, displayName = path): SpecDocument {
  return parseSpecFast(readSpecText(path, displayName), displayName);
}

/** SpecDocument.parse, faster. */
export function parseSpecFast(text: string, file: string): SpecDocument {
  let document: unknown;
  try {
    document = load(text, { maxAliases: 100 });
  } catch {
    return SpecDocument.parse(text, file);
  }
  return SpecDocument.parsed(text, file, document);
}
