// The table of the original clients' surface (specs/originals.json), as types, and its loader.
import { readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../repo.js";

export type ParameterLocation = "query" | "form" | "header" | "path";

export interface OriginalParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
}

export interface OriginalOperation {
  /** The original client's method name (snake_case). */
  original: string;
  /** Our method name; the operationId, or an `x-sdk-methods` entry when one operation serves several methods. */
  method: string;
  class: string;
  operationId: string;
  http: string;
  path: string;
  originalPath: string;
  parameters: OriginalParameter[];
  /** Fields the spec has beyond the original (e.g. Pinterest's body the original generator dropped). */
  addedParameters?: OriginalParameter[];
  requestMediaType: string | null;
  responseMediaTypes: string[];
  security: Record<string, string[]>[];
  /** components.schemas name of this method's form body, when it is one member of a discriminated body. */
  request?: string;
  returns: string;
  difference: string | null;
}

export interface OriginalProvider {
  spec: string;
  generator: string;
  originalClient?: string;
  operations: OriginalOperation[];
  models: string[];
}

export type OriginalsTable = Record<string, OriginalProvider>;

export const originalsPath = path.join(repoRoot, "specs", "originals.json");
export const specsDir = path.join(repoRoot, "specs");

/** The providers of specs/originals.json (keys starting with "$" are comments). */
export function loadOriginals(file = originalsPath): OriginalsTable {
  const raw = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith("$"))) as OriginalsTable;
}
