// The spec OpenAPI Generator reads in the mirror check: derived from the SDK model (@x/spec-model), one generated
// operation per method that codegen emits (see mirror-check.ts for how each kind of method is split).
import { type SdkMethodModel, type SpecModel, schemaRef } from "@x/spec-model";

type Json = Record<string, unknown>;
/** Marks the path of a split-off variant: `/oauth/token#variant=Code` (the generator keeps it verbatim). */
export const variantMark = "#variant=";

export interface SplitOrigin {
  operationId: string;
  specPath: string;
  /** x-sdk-methods name, when the method comes from entries. */
  sdkMethod?: string;
  /** Request schema of this method or variant. */
  request?: string;
}

function withSchema(content: Json, schema: unknown): Json {
  return Object.fromEntries(
    Object.entries(content).map(([type, media]) => [type, { ...(media as Json), schema }]),
  );
}

/** Returns the spec to generate from and, per generated `METHOD path`, the spec operation it comes from. */
export function splitOperations(model: SpecModel): { spec: Json; origins: Map<string, SplitOrigin> } {
  const document = model.spec.document as unknown as Json;
  const paths: Json = {};
  const origins = new Map<string, SplitOrigin>();
  // Path-level keys (parameters, summary) stay with every path made from the item.
  const itemKeys = (path: string) =>
    Object.fromEntries(
      Object.entries(((document.paths as Json)[path] ?? {}) as Json).filter(
        ([key]) => !model.operations.some((op) => op.path === path && op.httpMethod.toLowerCase() === key),
      ),
    );
  const add = (path: string, specPath: string, method: string, operation: Json, origin: SplitOrigin) => {
    const key = `${method.toUpperCase()} ${path}`;
    if (origins.has(key)) throw new Error(`${model.spec.file}: two operations would be generated at ${key}`);
    origins.set(key, origin);
    paths[path] = {
      ...itemKeys(specPath),
      ...((paths[path] as Json | undefined) ?? {}),
      [method]: operation,
    };
  };

  for (const method of model.methods) {
    const { operation } = method;
    const { "x-sdk-methods": _entries, ...raw } = model.spec.at(operation.place) as Json;
    const httpMethod = operation.httpMethod.toLowerCase();
    const origin = { operationId: operation.operationId, specPath: operation.path };
    const body = raw.requestBody as Json | undefined;
    const content = (body?.content ?? {}) as Json;
    const withBody = (schema: unknown) => ({ ...body, content: withSchema(content, schema) });
    if (method.entries.length === 0) {
      const variants = method.bodyVariants;
      if (variants.length <= 1) {
        const request = variants[0]?.schemaName;
        add(operation.path, operation.path, httpMethod, raw, { ...origin, ...(request ? { request } : {}) });
        continue;
      }
      for (const [index, variant] of variants.entries()) {
        const request = variant.schemaName ?? `${operation.operationId} variant ${index + 1}`;
        const split = {
          ...raw,
          operationId: `${operation.operationId}Variant${index + 1}`,
          requestBody: withBody(variant.schema),
        };
        add(`${operation.path}${variantMark}${request}`, operation.path, httpMethod, split, {
          ...origin,
          request,
        });
      }
      continue;
    }
    const path = method.originalPath ?? operation.path;
    const tagged = { ...raw, tags: [method.tag] };
    if (method.overloads) {
      // An overload: merged back with its namesakes (see the header).
      for (const [index, overload] of method.overloads.entries()) {
        // A member written inline is its own schema, named as the split-off variants above.
        const request = overload.request ?? `${method.name} variant ${index + 1}`;
        const split = {
          ...tagged,
          operationId: `${method.name}Variant${index + 1}`,
          requestBody: withBody(
            overload.request ? { $ref: schemaRef(overload.request) } : overload.variant.schema,
          ),
          // Per-overload results that are inline alternatives of the operation's (no model of its own): each
          // overload returns its own model.
          ...(overload.resultSchema && !operation.success.body?.schemaName
            ? { responses: successAs(raw, overload.resultSchema) }
            : {}),
        };
        add(`${path}${variantMark}${request}`, operation.path, httpMethod, split, {
          ...origin,
          sdkMethod: method.name,
          request,
        });
      }
      continue;
    }
    add(path, operation.path, httpMethod, entryOperation(tagged, method, withBody), {
      ...origin,
      sdkMethod: method.name,
      ...(method.request ? { request: method.request } : {}),
    });
  }
  return { spec: { ...document, paths }, origins };
}

/** The operation of one entry: its body and its success model in every 2xx response. */
function entryOperation(raw: Json, method: SdkMethodModel, withBody: (schema: unknown) => Json): Json {
  return {
    ...raw,
    operationId: method.name,
    ...(method.request ? { requestBody: withBody({ $ref: schemaRef(method.request) }) } : {}),
    responses: method.resultSchema ? successAs(raw, method.resultSchema) : raw.responses,
  };
}

/** The operation's responses with the named model as the body of every 2xx response that has one. */
function successAs(raw: Json, schemaName: string): Json {
  return Object.fromEntries(
    Object.entries((raw.responses ?? {}) as Json).map(([status, answer]) => {
      const response = answer as Json;
      if (!status.startsWith("2") || !response.content) return [status, answer];
      return [
        status,
        { ...response, content: withSchema(response.content as Json, { $ref: schemaRef(schemaName) }) },
      ];
    }),
  );
}
