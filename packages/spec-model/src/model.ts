// The SDK model of one spec: the provider, its operations, and the SDK's classes and methods.
import path from "node:path";
import type { Schema, SecurityScheme } from "./document.js";
import { type LifecycleModel, readLifecycle } from "./lifecycle.js";
import { readMethods, type SdkMethodEntry, type SdkMethodModel } from "./methods.js";
import { className } from "./naming.js";
import { type OperationModel, readOperations } from "./operations.js";
import { type ProviderModel, readProvider } from "./provider.js";
import { SpecDocument } from "./read.js";

export interface ClassModel {
  name: string;
  tag: string;
  description?: string;
  methods: SdkMethodModel[];
}

export interface SpecModel {
  /** The parsed spec (file, document, places). */
  spec: SpecDocument;
  provider: ProviderModel;
  operations: OperationModel[];
  /** Every SDK method, in spec order. */
  methods: SdkMethodModel[];
  /** API classes by tag, in order of their first method. */
  classes: ClassModel[];
  /** components.schemas as written. */
  schemas: Record<string, Schema>;
  securitySchemes: Record<string, SecurityScheme>;
  /** The token answer its methods share and the method of each grant; absent without an `x-sdk-token`. */
  lifecycle?: LifecycleModel;
}

/** Builds the model of a parsed spec. `providerId` defaults to the file name without extension. */
export function buildSpecModel(
  spec: SpecDocument,
  providerId = path.basename(spec.file).replace(/\.ya?ml$/, ""),
): SpecModel {
  spec.checkReferences();
  const provider = readProvider(spec, providerId);
  const operations = readOperations(spec);
  const methods = operations.flatMap((operation) => readMethods(spec, operation));
  const classes: ClassModel[] = [];
  for (const method of methods) {
    let model = classes.find((candidate) => candidate.name === method.className);
    if (!model) {
      const tag = spec.document.tags?.find((candidate) => className(candidate.name) === method.className);
      model = {
        name: method.className,
        tag: tag?.name ?? method.className,
        ...(tag?.description ? { description: tag.description } : {}),
        methods: [],
      };
      classes.push(model);
    }
    if (model.methods.some((existing) => existing.name === method.name)) {
      spec.fail(method.place, `method ${method.className}.${method.name} is declared twice`);
    }
    model.methods.push(method);
  }
  const lifecycle = readLifecycle(spec, methods);
  return {
    spec,
    provider,
    operations,
    methods,
    classes,
    schemas: spec.document.components?.schemas ?? {},
    securitySchemes: spec.document.components?.securitySchemes ?? {},
    ...(lifecycle ? { lifecycle } : {}),
  };
}

/** Reads a spec file and builds its model; `displayName` names the file in messages. */
export function loadSpecModel(
  file: string,
  options: { providerId?: string; displayName?: string } = {},
): SpecModel {
  return buildSpecModel(SpecDocument.read(file, options.displayName ?? file), options.providerId);
}

/**
 * The x-sdk-methods entry a request picks: the one whose request is the body variant that the discriminator's
 * value selects. Undefined when the operation has no entries or the value selects none.
 */
export function entryFor(
  model: SpecModel,
  operation: OperationModel,
  params: Record<string, unknown>,
): SdkMethodEntry | undefined {
  const body = operation.requestBody;
  if (body?.discriminatorProperty === undefined) return undefined;
  const value = String(params[body.discriminatorProperty]);
  const variant = body.variants.find((candidate) => candidate.discriminator?.values.includes(value));
  if (variant === undefined) return undefined;
  return model.methods
    .filter((method) => method.operation === operation)
    .flatMap((method) => method.entries)
    .find((entry) => entry.variant === variant);
}

/** The SDK method an entry belongs to. */
export function methodOf(model: SpecModel, entry: SdkMethodEntry): SdkMethodModel | undefined {
  return model.methods.find((method) => method.entries.includes(entry));
}
