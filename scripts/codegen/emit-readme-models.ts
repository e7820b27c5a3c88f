// Renders the README's "Models" part: every field of every result and error body, with the spec's wording.

import {
  allOfMerged,
  allowsNull,
  pointer,
  type Schema,
  type SdkMethodModel,
  type SpecDocument,
  type SpecModel,
  schemaRefName,
} from "@x/spec-model";
import { cell, code, overloadCondition, statusPhrases } from "./markdown.js";
import { displayType, successSchemaName, successTypeName } from "./type-expressions.js";

/** One documented body: a named schema, or a method's inline result. */
interface DocumentedModel {
  title: string;
  anchor: string;
  schema: Schema;
  place: string;
  uses: string[];
}

interface FieldRow {
  path: string;
  type: string;
  required: boolean;
  description: string;
}

// Nested objects are listed as dotted paths (`data.access_token`) down to this depth.
const MAX_DEPTH = 4;

export const modelAnchor = (title: string) => `model-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

/** " (fields: Name)", linking a result to its table in the Models section; empty for an inline result. */
export const fieldsLink = (schemaName: string | undefined) =>
  schemaName === undefined ? "" : ` (fields: [${code(schemaName)}](#${modelAnchor(schemaName)}))`;

export function emitModelsSection(model: SpecModel): string[] {
  const spec = model.spec;
  const models = documentedModels(model);
  if (models.length === 0) return [];
  const tables = models.map((documented) => ({
    documented,
    rows: fieldRows(spec, documented.schema, documented.place, "", 0, new Set()),
  }));
  // The example of a nested path: the token's, where the token is nested (Douyin's data.access_token).
  const nestedPaths = tables.flatMap((table) => table.rows).filter((row) => row.path.includes("."));
  const nested = nestedPaths.find((row) => row.path.endsWith(".access_token")) ?? nestedPaths[0];
  const rowsOfNested = tables.find((table) => nested && table.rows.includes(nested))?.rows ?? [];
  const lines = [
    "## Models",
    "",
    "Every field of every result and error body, as the spec declares it: the provider's field names, the " +
      "provider's own wording with an English gloss in parentheses where the provider's docs are not in English. " +
      (nested
        ? `Fields inside an object are listed by their path (${code(nested.path)} is ${code(`result.${accessor(nested.path, rowsOfNested)}`)}). `
        : "") +
      'A field marked "no" may be absent from an answer.',
    "",
  ];
  for (const { documented, rows } of tables) {
    lines.push(`<a id="${documented.anchor}"></a>`, "", `### ${code(documented.title)}`, "");
    const description = spec.resolve(documented.schema, documented.place).description;
    if (description) lines.push(description.trim(), "");
    const uses = documented.uses.map((use, index) =>
      index === 0 ? use : use.charAt(0).toLowerCase() + use.slice(1),
    );
    lines.push(`${uses.join("; ")}.`, "");
    lines.push("| Field | Type | Required | Description |", "|---|---|---|---|");
    for (const row of rows) {
      lines.push(
        `| ${code(row.path)} | ${cell(code(row.type))} | ${row.required ? "yes" : "no"} | ${cell(row.description)} |`,
      );
    }
    lines.push("");
  }
  return lines;
}

/** `data.access_token` as code reads it: `?.` after a field that may be absent, `.` after a required one. */
function accessor(path: string, rows: FieldRow[]): string {
  const segments = path.split(".");
  return segments
    .map((segment, index) => {
      if (index === 0) return segment;
      const parent = rows.find((row) => row.path === segments.slice(0, index).join("."));
      return `${parent?.required ? "." : "?."}${segment}`;
    })
    .join("");
}

/** Result models first (in method order), then error bodies; each once, with every method that uses it. */
function documentedModels(model: SpecModel): DocumentedModel[] {
  const results = new Map<string, DocumentedModel>();
  const errors = new Map<string, DocumentedModel>();
  const add = (into: Map<string, DocumentedModel>, found: Omit<DocumentedModel, "uses">, use: string) => {
    const existing = into.get(found.title) ?? { ...found, uses: [] };
    if (!existing.uses.includes(use)) existing.uses.push(use);
    into.set(found.title, existing);
  };
  for (const method of model.methods) {
    const name = code(`${method.className}.${method.name}`);
    // An overloaded method's results are its overloads'.
    const found = (method.overloads ?? [undefined]).map((overload) => {
      const schemaName = successSchemaName(method, overload);
      const documented = schemaName
        ? named(model, schemaName)
        : inlineSuccess(method, successTypeName(method, overload));
      if (documented)
        add(results, documented, `Result of ${name}${overload ? ` ${overloadCondition(overload)}` : ""}`);
      return documented;
    });
    if (method.operation.errorInBody) {
      // The success response's own body; where the result narrows it (x-sdk-success-schema), its own table.
      const wire = method.operation.success.body?.schemaName;
      const inBody = `the body of its errors reported with HTTP ${method.operation.successStatuses[0] ?? 200} (${code(method.operation.errorInBody.code)} not a success code)`;
      if (wire === undefined || found.some((documented) => documented?.title === wire)) {
        for (const documented of found) if (documented) add(results, documented, `also ${inBody}`);
      } else {
        add(
          results,
          named(model, wire),
          `Body of every HTTP ${method.operation.successStatuses[0] ?? 200} answer to ${name} (the low-level client's ${code("data")}): a success, or ${inBody}`,
        );
      }
    }
    const statuses = new Map<string, string[]>();
    for (const error of method.operation.errors) {
      if (!error.body?.schemaName) continue;
      statuses.set(error.body?.schemaName, [...(statuses.get(error.body?.schemaName) ?? []), error.status]);
    }
    for (const [schemaName, list] of statuses)
      add(errors, named(model, schemaName), `Error body of ${name} (${statusPhrases(list).join(" and ")})`);
  }
  return [...results.values(), ...[...errors.values()].filter((found) => !results.has(found.title))];
}

function named(model: SpecModel, schemaName: string): Omit<DocumentedModel, "uses"> {
  const place = pointer("components", "schemas", schemaName);
  return {
    title: schemaName,
    anchor: modelAnchor(schemaName),
    schema: model.schemas[schemaName] ?? model.spec.fail(place, "is not declared"),
    place,
  };
}

/** A success body declared inline in the operation (no components.schemas name). */
function inlineSuccess(method: SdkMethodModel, typeName: string): Omit<DocumentedModel, "uses"> | undefined {
  const body = method.operation.success.body;
  if (!body?.schema) return undefined;
  const title = typeName.includes("[") ? `${method.name} result` : typeName;
  return { title, anchor: modelAnchor(title), schema: body.schema, place: `${body.place}/schema` };
}

/** The rows of an object schema, nested objects flattened into dotted paths; a cycle stops at its repeat. */
function fieldRows(
  spec: SpecDocument,
  raw: Schema,
  place: string,
  prefix: string,
  depth: number,
  seen: Set<string>,
): FieldRow[] {
  const schema = allOfMerged(spec, raw, place);
  const rows: FieldRow[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const propertyPlace = `${place}/properties/${name}`;
    const target = spec.resolve(singleRef(property), propertyPlace);
    const nested = allOfMerged(spec, target, propertyPlace);
    const refName = schemaRefName(singleRef(property));
    const isObject = nested.properties !== undefined && Object.keys(nested.properties).length > 0;
    const path = `${prefix}${name}`;
    rows.push({
      path,
      type: isObject ? (refName ? `${refName} (object)` : "object") : leafType(property, target),
      required: schema.required?.includes(name) === true,
      description: property.description ?? target.description ?? "",
    });
    const key = refName ?? propertyPlace;
    if (isObject && depth < MAX_DEPTH && !seen.has(key)) {
      rows.push(...fieldRows(spec, target, propertyPlace, `${path}.`, depth + 1, new Set([...seen, key])));
    }
  }
  return rows;
}

/** `allOf: [$ref]` (a ref with its own description) stands for the ref. */
function singleRef(schema: Schema): Schema {
  const [only] = schema.allOf ?? [];
  return schema.allOf?.length === 1 && only?.$ref ? only : schema;
}

/** The TypeScript-like type of a leaf; a named alias (`ExpiresIn`) shows what it stands for. */
function leafType(property: Schema, target: Schema): string {
  const type = displayType(singleRef(property).$ref ? target : property);
  // `nullable`, `x-nullable` and 3.1's `null` type, as the spec model reads them.
  return allowsNull(property) && !type.includes("null") ? `${type} | null` : type;
}
