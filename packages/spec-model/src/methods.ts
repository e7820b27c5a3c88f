// SDK methods: one per operation, or one per `x-sdk-methods` name; entries sharing a name are overloads.
import {
  type BodyVariant,
  bodyVariants,
  type Discriminator,
  defaultsOf,
  type FieldModel,
  sharedDefaults,
} from "./body.js";
import type { SdkMethodExtension } from "./document.js";
import { className, isIdentifier, methodName } from "./naming.js";
import { exampleObject, type OperationModel } from "./operations.js";
import type { SpecDocument } from "./read.js";

/** One `x-sdk-methods` entry, checked against its operation. */
export interface SdkMethodEntry extends SdkMethodExtension {
  index: number;
  place: string;
  tag: string;
  /** The body variant `request` names. */
  variant?: BodyVariant;
}

/** One signature of an overloaded method: an entry's body variant and the success model it resolves to. */
export interface OverloadModel {
  entry: SdkMethodEntry;
  /** components.schemas name of its body; undefined for a member written inline. */
  request?: string;
  variant: BodyVariant & { discriminator: Discriminator };
  summary?: string;
  /** components.schemas name of the result; undefined: the operation's success schema. */
  resultSchema?: string;
  /**
   * Values filled in when left out: the method's, and those only this variant declares (never its discriminator,
   * which picks the overload), sorted by name.
   */
  defaults: Record<string, string>;
  /** True when every field is optional or filled in. */
  paramsOptional: boolean;
  example: Record<string, unknown>;
}

export interface SdkMethodModel {
  name: string;
  tag: string;
  className: string;
  operation: OperationModel;
  /** Spec place of the method (the operation, or its first x-sdk-methods entry). */
  place: string;
  summary?: string;
  description?: string;
  /** The path the original client requested, when an entry says so. */
  originalPath?: string;
  /** Its x-sdk-methods entries, in spec order (none: the method is the operation itself). */
  entries: SdkMethodEntry[];
  /** Query, header and path parameters. */
  parameters: FieldModel[];
  /** The bodies it takes: one entry's variant, or every variant of the body. */
  bodyVariants: BodyVariant[];
  /** components.schemas name of its body, when one entry names one. */
  request?: string;
  /**
   * components.schemas name of its success model; undefined: the operation's success schema (inline), or, for
   * an overloaded method, the union of its overloads' results.
   */
  resultSchema?: string;
  /** Values filled in when left out, sorted by name. */
  defaults: Record<string, string>;
  /** True when every field is optional or filled in, so the parameter object may be left out. */
  paramsOptional: boolean;
  example: Record<string, unknown>;
  /** Set when several entries share this name: one signature each, in spec order. */
  overloads?: OverloadModel[];
}

export function readMethods(spec: SpecDocument, operation: OperationModel): SdkMethodModel[] {
  const raw = (spec.at(operation.place) as { "x-sdk-methods"?: unknown } | undefined)?.["x-sdk-methods"];
  const defaultTag = operation.tags[0] ?? "default";
  const body = operation.requestBody;
  if (raw === undefined) {
    const variantOverloads = variantEntries(spec, operation, defaultTag);
    if (variantOverloads) return [overloaded(spec, operation, variantOverloads)];
    const resultSchema = operationResult(operation);
    return [
      method(spec, operation, {
        name: methodName(operation.operationId, operation.httpMethod, operation.path),
        tag: defaultTag,
        place: operation.place,
        ...(operation.summary ? { summary: operation.summary } : {}),
        variants: body?.variants ?? [],
        ...(resultSchema ? { resultSchema } : {}),
        ...(body?.example ? { example: body.example } : {}),
      }),
    ];
  }
  const entries = readEntries(spec, operation, raw, defaultTag);
  const byName = new Map<string, SdkMethodEntry[]>();
  for (const entry of entries) byName.set(entry.name, [...(byName.get(entry.name) ?? []), entry]);
  return [...byName.values()].map((group) =>
    group.length === 1
      ? method(spec, operation, entryOptions(spec, operation, group[0] as SdkMethodEntry))
      : overloaded(spec, operation, group),
  );
}

function readEntries(
  spec: SpecDocument,
  operation: OperationModel,
  raw: unknown,
  defaultTag: string,
): SdkMethodEntry[] {
  const listPlace = `${operation.place}/x-sdk-methods`;
  if (!Array.isArray(raw) || raw.length === 0) spec.fail(listPlace, "must be a non-empty list");
  const variants = operation.requestBody?.variants ?? [];
  const schemas = spec.document.components?.schemas ?? {};
  return (raw as SdkMethodExtension[]).map((value, index) => {
    const place = `${listPlace}/${index}`;
    if (!value || typeof value.name !== "string") spec.fail(place, "needs a name");
    if (!isIdentifier(value.name))
      spec.fail(`${place}/name`, `method name "${value.name}" is not an identifier`);
    let variant: BodyVariant | undefined;
    if (value.request !== undefined) {
      variant = variants.find((member) => member.schemaName === value.request);
      if (!variant)
        spec.fail(`${place}/request`, `"${value.request}" is not one of the request body's oneOf members`);
    }
    if (value.response !== undefined && !schemas[value.response])
      spec.fail(`${place}/response`, `"${value.response}" is not in components.schemas`);
    return {
      index,
      place,
      name: value.name,
      tag: value.tag ?? defaultTag,
      ...(value.request !== undefined ? { request: value.request } : {}),
      ...(value.response !== undefined ? { response: value.response } : {}),
      ...(value.originalPath !== undefined ? { originalPath: value.originalPath } : {}),
      ...(value.summary !== undefined ? { summary: value.summary } : {}),
      ...(value.description !== undefined ? { description: value.description } : {}),
      ...(variant ? { variant } : {}),
    };
  });
}

/**
 * A discriminated body (its members named models or written inline), without `x-sdk-methods`: one overload per variant,
 * resolving to the success model the response's discriminator maps the same value to (else the operation's).
 */
function variantEntries(
  spec: SpecDocument,
  operation: OperationModel,
  tag: string,
): SdkMethodEntry[] | undefined {
  const variants = operation.requestBody?.variants ?? [];
  if (variants.length < 2 || variants.some((variant) => !variant.discriminator)) return undefined;
  const name = methodName(operation.operationId, operation.httpMethod, operation.path);
  const success = operation.success.body;
  const place = `${success?.place}/schema`;
  const results =
    success?.schema && spec.resolve(success.schema, place).discriminator
      ? bodyVariants(spec, success.schema, place)
      : [];
  return variants.map((variant, index) => {
    const values = variant.discriminator?.values ?? [];
    const result = results.find((member) =>
      member.discriminator?.values.some((value) => values.includes(value)),
    )?.schemaName;
    return {
      index,
      place: operation.place,
      name,
      tag,
      ...(variant.schemaName ? { request: variant.schemaName } : {}),
      ...(result ? { response: result } : {}),
      variant,
    };
  });
}

interface MethodOptions {
  name: string;
  tag: string;
  place: string;
  summary?: string;
  originalPath?: string;
  entries?: SdkMethodEntry[];
  request?: string;
  variants: BodyVariant[];
  resultSchema?: string;
  example?: Record<string, unknown>;
  /** Overrides the filled-in values (an overload takes those of its whole method). */
  defaults?: Record<string, string>;
}

/** The options of one entry's method: its variant (or the whole body) and its response (or the operation's). */
function entryOptions(spec: SpecDocument, operation: OperationModel, entry: SdkMethodEntry): MethodOptions {
  const body = operation.requestBody;
  const variants = entry.variant ? [entry.variant] : (body?.variants ?? []);
  const variantSchema = entry.variant?.schemaName
    ? spec.document.components?.schemas?.[entry.variant.schemaName]
    : undefined;
  const example = exampleObject(variantSchema?.example) ?? body?.example;
  const summary = entry.summary ?? operation.summary;
  const resultSchema = entry.response ?? operationResult(operation);
  return {
    name: entry.name,
    tag: entry.tag,
    place: entry.place,
    ...(summary ? { summary } : {}),
    ...(entry.originalPath ? { originalPath: entry.originalPath } : {}),
    entries: [entry],
    ...(entry.request !== undefined ? { request: entry.request } : {}),
    variants,
    ...(resultSchema ? { resultSchema } : {}),
    ...(example ? { example } : {}),
  };
}

/** Entries sharing a name: one method taking the union of their bodies, with one overload per entry. */
function overloaded(spec: SpecDocument, operation: OperationModel, group: SdkMethodEntry[]): SdkMethodModel {
  const [first] = group as [SdkMethodEntry, ...SdkMethodEntry[]];
  const name = first.name;
  const requests = new Set<string>();
  for (const entry of group) {
    const overloads = `entries named ${name} are overloads of one method`;
    if (entry.tag !== first.tag)
      spec.fail(`${entry.place}/tag`, `${overloads} and must share its tag (${first.tag})`);
    if (entry.originalPath !== first.originalPath)
      spec.fail(`${entry.place}/originalPath`, `${overloads} and must share its originalPath`);
    // An entry of its own (not x-sdk-methods) has its variant, named or inline.
    if (entry.request === undefined && !entry.variant)
      spec.fail(entry.place, `entries named ${name} are overloads: each needs a request (its body member)`);
    if (entry.request !== undefined && requests.has(entry.request))
      spec.fail(
        `${entry.place}/request`,
        `"${entry.request}" is already the request of another ${name} entry`,
      );
    if (entry.request !== undefined) requests.add(entry.request);
    if (!entry.variant?.discriminator) {
      spec.fail(
        `${entry.place}/request`,
        `entries named ${name} are overloads: the request body needs a discriminator to tell them apart`,
      );
    }
  }
  const firstOptions = entryOptions(spec, operation, first);
  const variants = group.map((entry) => entry.variant as BodyVariant);
  // The whole method: the union of the bodies; filled in only what every overload fills in (never the
  // discriminator, which picks the overload).
  const { request: _one, resultSchema: _first, summary: _entry, ...shared } = firstOptions;
  const whole = method(spec, operation, {
    ...shared,
    ...(operation.summary ? { summary: operation.summary } : {}),
    entries: group,
    variants,
  });
  const overloads = group.map((entry): OverloadModel => {
    const variant = entry.variant as OverloadModel["variant"];
    const own = variant.fields.filter((field) => field.name !== variant.discriminator.property);
    const defaults = sortedRecord({ ...defaultsOf(own), ...whole.defaults });
    const single = method(spec, operation, { ...entryOptions(spec, operation, entry), defaults });
    return {
      entry,
      ...(entry.request !== undefined ? { request: entry.request } : {}),
      variant,
      ...(entry.summary ? { summary: entry.summary } : {}),
      ...(single.resultSchema ? { resultSchema: single.resultSchema } : {}),
      defaults,
      paramsOptional: single.paramsOptional,
      example: single.example,
    };
  });
  return {
    ...whole,
    paramsOptional: overloads.every((overload) => overload.paramsOptional),
    example: overloads[0]?.example ?? {},
    overloads,
  };
}

function method(spec: SpecDocument, operation: OperationModel, options: MethodOptions): SdkMethodModel {
  const parameters = operation.parameters;
  const defaults =
    options.defaults ?? sortedRecord({ ...defaultsOf(parameters), ...sharedDefaults(options.variants) });
  const required = [
    ...parameters.filter((field) => field.required).map((field) => field.name),
    ...options.variants.flatMap((variant) =>
      variant.fields.filter((field) => field.required).map((field) => field.name),
    ),
  ].filter((name) => !(name in defaults));
  const example: Record<string, unknown> = {};
  for (const field of [...parameters, ...(options.variants[0]?.fields ?? [])]) {
    const value = options.example?.[field.name] ?? field.example;
    if (value !== undefined && !(field.name in defaults)) example[field.name] = value;
  }
  if (!isIdentifier(options.name))
    spec.fail(options.place, `method name "${options.name}" is not an identifier`);
  return {
    name: options.name,
    tag: options.tag,
    className: className(options.tag),
    operation,
    place: options.place,
    ...(options.summary ? { summary: options.summary } : {}),
    ...(operation.description ? { description: operation.description } : {}),
    ...(options.originalPath ? { originalPath: options.originalPath } : {}),
    entries: options.entries ?? [],
    parameters,
    bodyVariants: options.variants,
    ...(options.request !== undefined ? { request: options.request } : {}),
    ...(options.resultSchema !== undefined ? { resultSchema: options.resultSchema } : {}),
    defaults,
    paramsOptional: required.length === 0,
    example,
  };
}

/** The named model an operation's methods resolve to: its success schema, else its success response's. */
function operationResult(operation: OperationModel): string | undefined {
  return operation.successSchema ?? operation.success.body?.schemaName;
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
