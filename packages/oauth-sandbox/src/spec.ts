// One provider's spec, as the sandbox uses it: read once by the spec model (@x/spec-model, which resolves every
// `$ref` and interprets the x-sdk* extensions), with validators compiled for each operation (./compile.ts).
// Answers: which operation is this request, which x-sdk-methods entry did it pick, and does a response conform.
import { join } from "node:path";
import {
  entryFor,
  listSpecs,
  loadSpecModel,
  type SdkMethodEntry,
  type SpecModel,
  SpecModelError,
  type TokenFacts,
} from "@x/spec-model";
import type { ErrorObject } from "ajv";
import { compileOperations } from "./compile.js";
import type { ProviderId, SpecMethod, SpecOperation, SpecResponse } from "./operation.js";

export type {
  BodyBranch,
  BodyValidator,
  ParameterGroup,
  ParameterLocation,
  ProviderId,
  SecurityScheme,
  ShippedProviderId,
  SpecMethod,
  SpecOperation,
  SpecParameter,
  SpecRequestBody,
  SpecResponse,
} from "./operation.js";

export class SpecError extends Error {
  override name = "SpecError";
}

/** A failed request check, in terms every provider can map to its own error shape. */
export type RequestProblem =
  | { kind: "not-found" }
  | { kind: "method-not-allowed"; allowed: string[] }
  | { kind: "unsupported-media-type"; expected: string[] }
  | { kind: "malformed-body" }
  | { kind: "missing-parameter"; name: string }
  | { kind: "repeated-parameter"; name: string }
  | { kind: "invalid-parameter"; name: string; reason: string }
  | { kind: "unsupported-value"; name: string; allowed: string[] }
  | { kind: "undeclared-parameter"; name: string }
  /** client authentication failed; `reason` says why in the spec's terms */
  | { kind: "client-authentication"; reason: string };

export interface ProviderSpec {
  provider: ProviderId;
  file: string;
  title: string;
  /** @internal The provider's token facts (`info.x-sdk-tokens`): lifetimes, rotation, scope separator. */
  tokens: TokenFacts;
  /** @internal The spec model the sandbox was built from. */
  model: SpecModel;
  operations: SpecOperation[];
  /**
   * Operations at this path, any method; one whose spec path carries a query string (`/oauth/token?refresh`) only
   * when the request's query has its keys, and before the others.
   */
  operationsAt(path: string, query?: URLSearchParams): SpecOperation[];
  find(method: string, path: string): SpecOperation | undefined;
  /**
   * Errors (empty = conforms) for a response body, checked against the declared status and media type, and for
   * a 2xx of an `x-sdk-methods` entry against that entry's own success model too. The entry is the one
   * `methodFor` found, or a name that only one entry has (entries sharing a name are overloads: each has its own
   * success model, so the name alone does not say which).
   */
  checkResponse(
    op: SpecOperation,
    status: number,
    contentType: string,
    body: unknown,
    method?: SpecMethod | string,
  ): string[];
  /** The `x-sdk-methods` entry a request picks (by the discriminator's branch), as the spec model decides. */
  methodFor(op: SpecOperation, params: Record<string, unknown>): SpecMethod | undefined;
  /** Declared response for a status: exact, then nXX, then default. */
  responseFor(op: SpecOperation, status: number): SpecResponse | undefined;
}

/** The providers of a specs folder: one per `<id>.yaml`, sorted. */
export function listProviders(specsDir: string): ProviderId[] {
  try {
    return listSpecs(specsDir).map((spec) => spec.id);
  } catch (cause) {
    throw new SpecError(`${specsDir}: cannot list the specs (${(cause as Error).message})`);
  }
}

export function loadSpec(provider: ProviderId, specsDir: string): ProviderSpec {
  const file = join(specsDir, `${provider}.yaml`);
  let model: SpecModel;
  try {
    model = loadSpecModel(file, { providerId: provider });
  } catch (cause) {
    if (cause instanceof SpecModelError) throw new SpecError(cause.message);
    throw cause;
  }
  let operations: SpecOperation[];
  try {
    operations = compileOperations(model);
  } catch (cause) {
    if (cause instanceof SpecModelError) throw new SpecError(cause.message);
    throw cause;
  }
  return providerSpec(model, file, operations);
}

function providerSpec(model: SpecModel, file: string, operations: SpecOperation[]): ProviderSpec {
  const methodsByValue = methodsByDiscriminatorValue(model, operations);
  const spec: ProviderSpec = {
    provider: model.provider.id,
    file,
    title: model.provider.title,
    tokens: model.provider.tokens,
    model,
    operations,
    operationsAt: (path, query) =>
      operations
        .filter((op) => op.route === path && op.routeQuery.every((key) => query?.has(key)))
        .sort((a, b) => b.routeQuery.length - a.routeQuery.length),
    find: (method, path) => operations.find((op) => op.path === path && op.method === method.toUpperCase()),
    responseFor(op, status) {
      return (
        op.responses.get(String(status)) ??
        op.responses.get(`${String(status)[0]}XX`) ??
        op.responses.get("DEFAULT")
      );
    },
    checkResponse(op, status, contentType, body, which) {
      const response = spec.responseFor(op, status);
      if (!response) return [`status ${status} is not declared for ${op.operationId}`];
      const mediaType = baseMediaType(contentType);
      if (!response.mediaTypes.has(mediaType)) {
        return [`media type ${mediaType || "(none)"} is not declared for ${op.operationId} ${status}`];
      }
      const validate = response.mediaTypes.get(mediaType);
      if (validate && !validate(body)) return formatErrors(validate.errors);
      if (which === undefined || status < 200 || status >= 300) return [];
      const named = typeof which === "string" ? op.methods.filter((m) => m.name === which) : [which];
      if (named.length > 1) {
        return [
          `${op.operationId} has ${named.length} methods named ${which} (overloads): pass the entry methodFor gives`,
        ];
      }
      const method = named[0];
      if (!method || !op.methods.includes(method)) {
        return [`${op.operationId} has no method ${typeof which === "string" ? which : which.name}`];
      }
      if (method.validateResponse && !method.validateResponse(body)) {
        return formatErrors(method.validateResponse.errors).map((e) => `${method.response}: ${e}`);
      }
      return [];
    },
    methodFor(op, params) {
      const table = methodsByValue.get(op);
      const property = op.model.requestBody?.discriminatorProperty;
      if (table && property !== undefined) return table.get(String(params[property]));
      return methodOfEntry(op, entryFor(model, op.model, params));
    },
  };
  return spec;
}

function methodOfEntry(op: SpecOperation, entry: SdkMethodEntry | undefined): SpecMethod | undefined {
  return entry && op.methods.find((method) => method.entry === entry);
}

/**
 * For each operation whose body has a discriminator: the method each declared value picks, asked of the spec model
 * once at start-up instead of per request. A value no variant declares picks none, as the model says.
 */
function methodsByDiscriminatorValue(
  model: SpecModel,
  operations: readonly SpecOperation[],
): Map<SpecOperation, Map<string, SpecMethod | undefined>> {
  const tables = new Map<SpecOperation, Map<string, SpecMethod | undefined>>();
  for (const op of operations) {
    const body = op.model.requestBody;
    const property = body?.discriminatorProperty;
    if (body === undefined || property === undefined) continue;
    const table = new Map<string, SpecMethod | undefined>();
    for (const value of body.variants.flatMap((variant) => variant.discriminator?.values ?? [])) {
      if (!table.has(value))
        table.set(value, methodOfEntry(op, entryFor(model, op.model, { [property]: value })));
    }
    tables.set(op, table);
  }
  return tables;
}

export function baseMediaType(contentType: string | undefined): string {
  if (contentType === undefined) return "";
  const semicolon = contentType.indexOf(";");
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

export function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.message ?? "is invalid"}`.trim());
}
