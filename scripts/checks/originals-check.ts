// The check against the originals: what codegen will emit from a spec (the SDK model's classes, methods,
// parameters, media types, security and models) compared with the table of the original clients' surface
// (specs/originals.json). Used by tests/specs.surface.test.ts.
import path from "node:path";
import {
  loadSpecModel,
  mappedSchemaName,
  type OperationModel,
  type SdkMethodModel,
  type SpecModel,
  schemaRefName,
} from "@x/spec-model";
import {
  loadOriginals,
  type OriginalOperation,
  type OriginalParameter,
  type OriginalProvider,
  type OriginalsTable,
  specsDir,
} from "./originals.js";

export interface SurfaceDifference {
  spec: string;
  operation?: string;
  parameter?: string;
  /** Full sentence naming spec, operation and parameter. */
  message: string;
}

type Report = (message: string, operation?: string, parameter?: string) => void;

/** Differences between the spec at specPath and the provider's row of the originals table; [] when they agree. */
export function checkAgainstOriginals(specPath: string, table: OriginalProvider): SurfaceDifference[] {
  const spec = path.basename(specPath);
  const model = loadSpecModel(specPath, { displayName: spec });
  const diffs: SurfaceDifference[] = [];
  const add: Report = (message, operation, parameter) => {
    const where = [spec, operation, parameter === undefined ? undefined : `parameter "${parameter}"`]
      .filter(Boolean)
      .join(": ");
    diffs.push({
      spec,
      ...(operation === undefined ? {} : { operation }),
      ...(parameter === undefined ? {} : { parameter }),
      message: `${where}: ${message}`,
    });
  };

  for (const expected of table.operations) {
    const operation = model.operations.find((candidate) => candidate.operationId === expected.operationId);
    if (!operation) {
      add(`operationId "${expected.operationId}" not found in the spec`, expected.method);
      continue;
    }
    const method = model.methods.find(
      (candidate) => candidate.operation === operation && candidate.name === expected.method,
    );
    if (!method) {
      const listed = model.methods.some((m) => m.operation === operation && m.entries.length > 0);
      add(
        listed
          ? `method not listed in x-sdk-methods of operation "${expected.operationId}"`
          : `method "${expected.method}" needs an x-sdk-methods entry (the operationId is "${expected.operationId}")`,
        expected.method,
      );
      continue;
    }
    compareMethod(model, operation, method, expected, (message, parameter) =>
      add(message, expected.method, parameter),
    );
  }

  // Every operation of the spec and every method codegen emits is a row of the table.
  for (const operation of model.operations) {
    const rows = table.operations.filter((row) => row.operationId === operation.operationId);
    if (rows.length === 0)
      add(
        `${operation.httpMethod} ${operation.path} (operationId "${operation.operationId}") is not in the originals table`,
      );
    for (const method of model.methods.filter((m) => m.operation === operation && m.entries.length > 0)) {
      if (!rows.some((row) => row.method === method.name))
        add(`x-sdk-methods entry "${method.name}" is not in the originals table`, operation.operationId);
    }
  }
  for (const name of table.models) {
    if (!(name in model.schemas)) add(`model "${name}" is missing from components.schemas`);
  }
  return diffs;
}

function compareMethod(
  model: SpecModel,
  operation: OperationModel,
  method: SdkMethodModel,
  expected: OriginalOperation,
  add: (message: string, parameter?: string) => void,
): void {
  if (operation.httpMethod !== expected.http.toUpperCase() || operation.path !== expected.path) {
    add(`is ${operation.httpMethod} ${operation.path}, the original is ${expected.http} ${expected.path}`);
  }
  if (method.className !== expected.class)
    add(`class is ${method.className}, the original is ${expected.class}`);
  // An overloaded method stands for the original's one method, which returned the operation's model; so does a
  // method whose result is that model's successes only (x-sdk-success-schema).
  const successVariants = successModels(model, operation);
  const narrowed = operation.successSchema !== undefined && method.resultSchema === operation.successSchema;
  let returns = method.overloads || narrowed ? operation.success.body?.schemaName : method.resultSchema;
  // Inline alternatives (per-grant results): the original's model must still be one of them.
  if (returns === undefined && successVariants.includes(expected.returns)) returns = expected.returns;
  if (returns !== expected.returns) {
    add(`returns ${returns ?? "no named model"}, the original returns ${expected.returns}`);
  }
  for (const entry of method.entries) {
    if (entry.response !== undefined && !successVariants.includes(entry.response)) {
      add(
        `x-sdk-methods response "${entry.response}" is not a variant of the ${operation.success.status} response`,
      );
    }
  }
  if (method.entries.length > 0 && (method.originalPath ?? operation.path) !== expected.originalPath) {
    add(
      `x-sdk-methods originalPath is ${JSON.stringify(method.originalPath)}, the original is ${JSON.stringify(expected.originalPath)}`,
    );
  }
  if (expected.request !== undefined && method.request !== expected.request) {
    add(
      `x-sdk-methods request is "${method.entries.map((entry) => entry.request).join(", ")}", expected "${expected.request}"`,
    );
  }
  const requestMediaType = operation.requestBody?.mediaType ?? null;
  if (requestMediaType !== expected.requestMediaType) {
    add(
      `request media type is ${requestMediaType ?? "none"}, the original's is ${expected.requestMediaType ?? "none"}`,
    );
  }
  const successTypes = operation.success.content.map((content) => content.mediaType);
  if (JSON.stringify(successTypes) !== JSON.stringify(expected.responseMediaTypes)) {
    add(
      `success response media types are [${successTypes.join(", ")}], the original's are [${expected.responseMediaTypes.join(", ")}]`,
    );
  }
  const security = operation.security.map((alternative) =>
    Object.fromEntries(alternative.map((scheme) => [scheme.name, scheme.scopes])),
  );
  if (JSON.stringify(security) !== JSON.stringify(expected.security)) {
    add(`security is ${JSON.stringify(security)}, expected ${JSON.stringify(expected.security)}`);
  }
  compareParameters(
    methodParameters(method),
    [...expected.parameters, ...(expected.addedParameters ?? [])],
    add,
  );
}

/** The method's parameters as the original lists them: a form field is required when every body requires it. */
function methodParameters(method: SdkMethodModel): Map<string, OriginalParameter> {
  const actual = new Map<string, OriginalParameter>();
  for (const field of method.parameters)
    actual.set(field.name, { name: field.name, in: field.in, required: field.required });
  const variants = method.bodyVariants;
  for (const variant of variants) {
    for (const field of variant.fields) {
      const required = variants.every((other) =>
        other.fields.some((f) => f.name === field.name && f.required),
      );
      actual.set(field.name, { name: field.name, in: "form", required });
    }
  }
  return actual;
}

function compareParameters(
  actual: Map<string, OriginalParameter>,
  wanted: OriginalParameter[],
  add: (message: string, parameter?: string) => void,
): void {
  const describe = (p: OriginalParameter) => `(${p.in}, ${p.required ? "required" : "optional"})`;
  for (const want of wanted) {
    const got = actual.get(want.name);
    if (!got) {
      add(`missing from the spec; the original has it ${describe(want)}`, want.name);
      continue;
    }
    if (got.in !== want.in) add(`is in ${got.in}, the original has it in ${want.in}`, want.name);
    if (got.required !== want.required) {
      add(
        `is ${got.required ? "required" : "optional"}, the original has it ${want.required ? "required" : "optional"}`,
        want.name,
      );
    }
  }
  for (const got of actual.values()) {
    if (!wanted.some((w) => w.name === got.name))
      add(`${describe(got)} is not in the originals table`, got.name);
  }
}

/** Models a success body may be: the schema itself, its oneOf/anyOf members, the models its discriminator maps. */
function successModels(model: SpecModel, operation: OperationModel): string[] {
  const body = operation.success.body;
  if (!body?.schema) return [];
  const resolved = model.spec.resolve(body.schema, `${body.place}/schema`);
  return [
    ...[...(body.schema.oneOf ?? []), ...(body.schema.anyOf ?? [])].map((member) => schemaRefName(member)),
    ...Object.values(resolved.discriminator?.mapping ?? {}).map(mappedSchemaName),
    body.schemaName,
  ].filter((name): name is string => name !== undefined);
}

/** Checks every provider of the table against its spec in specsDir. */
export function checkAllSpecs(table: OriginalsTable = loadOriginals(), dir = specsDir): SurfaceDifference[] {
  return Object.values(table).flatMap((provider) =>
    checkAgainstOriginals(path.join(dir, provider.spec), provider),
  );
}
