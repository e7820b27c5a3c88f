// The validators of the example check (redocly-examples.mjs): a schema and everything its `$ref`s reach, copied into
// one self-contained JSON Schema and compiled by Ajv once per distinct content for the whole process, so copies of a
// spec and error models that many operations share cost one compile.
import { isPlainObject } from "@redocly/openapi-core";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

// Keywords that hold data, not schemas: a `$ref` key in them is a value, not a reference.
const DATA_KEYWORDS = new Set(["enum", "const", "required"]);
// Keywords no value is checked by (the direction's readOnly/writeOnly are read from the spec's schema): left out of
// the copy, so schemas that differ only in them share a validator.
const ANNOTATIONS = new Set([
  "title",
  "description",
  "example",
  "examples",
  "default",
  "deprecated",
  "externalDocs",
  "xml",
  "readOnly",
  "writeOnly",
  // Ajv's discriminator takes no `mapping`; the branches' own tag values decide just the same.
  "discriminator",
]);
// Keywords whose value is one subschema, or a list or map of them.
const ONE_SCHEMA = new Set([
  "not",
  "additionalProperties",
  "unevaluatedProperties",
  "propertyNames",
  "items",
  "additionalItems",
  "unevaluatedItems",
  "contains",
  "if",
  "then",
  "else",
]);
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
// Where a subschema describes a value of its own (not the same value, as allOf and the like do): the place a schema
// without a word on extra properties is closed to them.
const OWN_VALUE = new Set([
  "properties",
  "patternProperties",
  "additionalProperties",
  "items",
  "prefixItems",
]);

/**
 * One Ajv per JSON Schema dialect. OpenAPI 3.0's schemas run on 2019-09 rather than draft-04 because the check closes
 * objects with `unevaluatedProperties`, which sees through allOf and $ref; the copy turns the 3.0-only forms into
 * 2019-09 ones (boolean exclusiveMinimum/Maximum, nullable without type, $ref siblings; `nullable: true` beside a
 * `type` Ajv reads as 3.0 means it, null allowed). OpenAPI 3.1 is 2020-12.
 */
const compilers = new Map();
function ajvFor(dialect) {
  let ajv = compilers.get(dialect);
  if (!ajv) {
    const Dialect = dialect === "2020-12" ? Ajv2020 : Ajv2019;
    ajv = new Dialect({
      // Every failing value, not only the first: each is reported at its place.
      allErrors: true,
      // OpenAPI keywords (xml, externalDocs, readOnly, x-*) are not JSON Schema's; they are annotations here.
      strict: false,
      // Schemas are the spec's, already linted by the struct rules: not validated against a meta-schema again.
      validateSchema: false,
      logger: false,
      // Compiled once and run a few times: skip the generated code's optimization pass.
      code: { optimize: false },
      // A shared definition compiles to one function its users call, not a copy inlined at each of them.
      inlineRefs: false,
    });
    // JSON Schema's formats and OpenAPI's (int32, int64, float, double, byte, binary, password); any other format
    // is not checked.
    addFormats(ajv);
    compilers.set(dialect, ajv);
  }
  return ajv;
}

class UnresolvedRef extends Error {}

// The copy's own definitions, named apart from any `$defs` a 3.1 schema has.
const DEFINITION = "example-check-";

/**
 * The schema at `location` with everything its `$ref`s reach, as one schema whose references point into its own
 * `$defs`, numbered by first use: two places with the same content give the same schema, whatever their paths.
 * `options`: `openapi30` (turn 3.0 forms into 2019-09), `closed` (no property the schema does not name, unless it
 * says otherwise), `direction` ("request": a readOnly property is neither required nor allowed, since a client
 * does not send it; "response": the same for a writeOnly one, which a server does not return; OpenAPI's meaning).
 */
function selfContained(schema, location, resolve, options) {
  const numbers = new Map();
  const definitions = {};
  const oneSided = { request: "readOnly", response: "writeOnly" }[options.direction];

  const target = (node, source) => {
    if (!(isPlainObject(node) && typeof node.$ref === "string")) return { node, source };
    const resolved = resolve({ $ref: node.$ref }, source.absoluteRef);
    if (!resolved.location) throw new UnresolvedRef(node.$ref);
    return {
      node: resolved.node,
      source: resolved.location.source,
      place: resolved.location.absolutePointer,
    };
  };
  const number = (ref, source) => {
    const resolved = target({ $ref: ref }, source);
    let n = numbers.get(resolved.place);
    if (n === undefined) {
      n = numbers.size;
      numbers.set(resolved.place, n);
      definitions[`${DEFINITION}${n}`] = copy(resolved.node, resolved.source, false);
    }
    return `#/$defs/${DEFINITION}${n}`;
  };
  // The properties this direction never carries (see `direction`).
  const oneSidedProperties = (node, source) => {
    if (!oneSided || !isPlainObject(node.properties)) return new Set();
    return new Set(
      Object.entries(node.properties)
        .filter(
          ([, property]) => isPlainObject(property) && target(property, source).node?.[oneSided] === true,
        )
        .map(([name]) => name),
    );
  };
  // A schema with a discriminator stands for its subtypes too (allOf children add properties): never closed.
  const polymorphic = (node, source) => isPlainObject(target(node, source).node?.discriminator);
  const sub = (value, source, ownValue) => {
    if (Array.isArray(value)) return value.map((item) => copy(item, source, ownValue));
    return copy(value, source, ownValue);
  };
  function copy(node, source, ownValue) {
    if (!isPlainObject(node)) return node;
    // In OpenAPI 3.0 a $ref replaces its object: siblings are ignored.
    const entries =
      options.openapi30 && typeof node.$ref === "string" ? [["$ref", node.$ref]] : Object.entries(node);
    const out = {};
    for (const [key, value] of entries) {
      if (ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
      if (key === "$ref" && typeof value === "string") out.$ref = number(value, source);
      else if (DATA_KEYWORDS.has(key)) out[key] = value;
      else if (ONE_SCHEMA.has(key) || SCHEMA_LISTS.has(key))
        out[key] = sub(value, source, OWN_VALUE.has(key));
      else if (SCHEMA_MAPS.has(key) && isPlainObject(value))
        out[key] = Object.fromEntries(
          Object.entries(value).map(([name, item]) => [name, copy(item, source, OWN_VALUE.has(key))]),
        );
      else out[key] = value;
    }
    const withheld = oneSidedProperties(node, source);
    if (withheld.size > 0) {
      if (Array.isArray(out.required)) out.required = out.required.filter((name) => !withheld.has(name));
      out.properties = {
        ...out.properties,
        ...Object.fromEntries([...withheld].map((name) => [name, false])),
      };
    }
    if (options.openapi30) {
      for (const [bound, limit] of [
        ["exclusiveMinimum", "minimum"],
        ["exclusiveMaximum", "maximum"],
      ]) {
        if (out[bound] === true && typeof out[limit] === "number") {
          out[bound] = out[limit];
          delete out[limit];
        } else if (typeof out[bound] === "boolean") delete out[bound];
      }
      // Nullable without a type says nothing: any value, null too, is already allowed.
      if (out.nullable === true && out.type === undefined) delete out.nullable;
    } else delete out.nullable; // 3.1 writes `type: [..., "null"]`; `nullable` means nothing there

    const namesProperties = out.properties || out.$ref || out.allOf || out.anyOf || out.oneOf;
    const saysOnExtras = "additionalProperties" in out || "unevaluatedProperties" in out;
    if (options.closed && ownValue && namesProperties && !saysOnExtras && !polymorphic(node, source))
      out.unevaluatedProperties = false;
    return out;
  }

  const root = copy(schema, location.source, true);
  return numbers.size === 0 ? root : { ...root, $defs: { ...root.$defs, ...definitions } };
}

const validators = new Map();

/**
 * The compiled validator of the schema at `location` (a Redocly Location) for `options` (see selfContained, plus
 * `dialect`), shared by every schema of the same content; undefined when a `$ref` does not resolve
 * (no-unresolved-refs reports that).
 */
export function validatorFor(schema, location, resolve, options) {
  if (!isPlainObject(schema)) return undefined;
  let whole;
  try {
    whole = selfContained(schema, location, resolve, {
      ...options,
      openapi30: options.dialect === "2019-09",
    });
  } catch (error) {
    if (error instanceof UnresolvedRef) return undefined;
    throw error;
  }
  const key = `${options.dialect}:${JSON.stringify(whole)}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajvFor(options.dialect).compile(whole);
    validators.set(key, validate);
  }
  return validate;
}
