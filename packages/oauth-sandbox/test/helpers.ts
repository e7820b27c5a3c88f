// Test helpers: talk to a running sandbox over real sockets, and judge its answers against the specs.
import { join } from "node:path";
import { loadSpec, type ProviderSpec, type SpecOperation } from "../src/index.js";

export const SPECS_DIR = join(import.meta.dirname, "..", "..", "..", "specs");

/** The providers of the repository's specs folder (the sandbox lists them in this order, by file name). */
export const PROVIDERS = ["avito", "criteo", "douyin", "pinterest"] as const;
export type Provider = (typeof PROVIDERS)[number];

/** The specs, loaded on their own (not the sandbox's copy), to judge what the sandbox sends. */
export const specs = Object.fromEntries(PROVIDERS.map((id) => [id, loadSpec(id, SPECS_DIR)])) as Record<
  Provider,
  ProviderSpec
>;

export const FORM = "application/x-www-form-urlencoded";

export function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": FORM, ...headers },
    body: new URLSearchParams(fields),
  });
}

export function basic(id: string, secret: string): string {
  const encode = (s: string) => new URLSearchParams({ s }).toString().slice(2);
  return `Basic ${Buffer.from(`${encode(id)}:${encode(secret)}`, "utf8").toString("base64")}`;
}

export interface Answer {
  status: number;
  contentType: string;
  // biome-ignore lint/suspicious/noExplicitAny: bodies are read field by field in assertions
  body: any;
}

export async function read(response: Response): Promise<Answer> {
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "",
    body: text ? JSON.parse(text) : undefined,
  };
}

export function operation(provider: Provider, operationId: string): SpecOperation {
  const op = specs[provider].operations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`${provider} has no operation ${operationId}`);
  return op;
}

/** Problems of an answer against the spec (empty: it conforms). */
export function conformance(
  provider: Provider,
  operationId: string,
  answer: Answer,
  method?: string,
  /** The entry's request model, to tell apart x-sdk-methods entries that share the name (overloads). */
  request?: string,
): string[] {
  const op = operation(provider, operationId);
  const entry =
    request === undefined ? method : op.methods.find((m) => m.name === method && m.request === request);
  if (entry === undefined && request !== undefined) return [`no ${method} entry with request ${request}`];
  return specs[provider].checkResponse(op, answer.status, answer.contentType, answer.body, entry);
}

/** Every leaf of a JSON value, as a path of keys. */
export function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, sub]) => leafPaths(sub, [...prefix, key]));
}

/** A copy of `value` with the leaf at `path` replaced by an object, which no declared primitive accepts. */
export function breakLeaf(value: unknown, path: string[]): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1] as string] = { notTheDeclaredType: true };
  return copy;
}
