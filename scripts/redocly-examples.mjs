// Redocly plugin (redocly.yaml `plugins`): rule `examples/example-matches-schema`, every example value of a spec
// checked against the schema it illustrates, at the places OpenAPI gives examples: a media type's `example` and its
// named `examples` (an Example's `value`), a parameter's, and a schema's own `example` (3.0) or `examples` (3.1).
// Validators come from example-validators.mjs: one per distinct schema content for the whole run.
import { isPlainObject, isRef } from "@redocly/openapi-core";
import { validatorFor } from "./example-validators.mjs";

const PREFIX = "example does not match its schema";
// What a property the direction never carries is (example-validators.mjs turns it into a `false` schema).
const ONE_SIDED = {
  request: "is readOnly: a request does not send it",
  response: "is writeOnly: a response does not return it",
};

/** `scopes[1].name` for the JSON pointer `/scopes/1/name` inside an example. */
function fieldName(instancePath) {
  const segments = instancePath
    .split("/")
    .slice(1)
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
  return segments.reduce((name, segment) => {
    if (/^\d+$/.test(segment)) return `${name}[${segment}]`;
    return name ? `${name}.${segment}` : segment;
  }, "");
}

/** What is wrong with one value, in our words, and where: the value's pointer, or an extra key's. */
function finding(error, examplePointer, direction) {
  const field = fieldName(error.instancePath);
  const subject = field ? `\`${field}\`` : "the value";
  const extra = error.params.unevaluatedProperty ?? error.params.additionalProperty;
  if (extra !== undefined) {
    const key = String(extra).replaceAll("~", "~0").replaceAll("/", "~1");
    const name = fieldName(`${error.instancePath}/${key}`);
    return {
      pointer: `${examplePointer}${error.instancePath}/${key}`,
      onKey: true,
      text: `\`${name}\` is not in the schema`,
    };
  }
  let text;
  if (error.keyword === "type")
    text = `${subject} must be ${String(error.params.type).replaceAll(",", " or ")}`;
  else if (error.keyword === "enum")
    text = `${subject} must be one of ${error.params.allowedValues.join(", ")}`;
  else if (error.keyword === "required") text = `${subject} lacks \`${error.params.missingProperty}\``;
  else if (error.keyword === "false schema") text = `${subject} ${ONE_SIDED[direction] ?? "is not allowed"}`;
  else text = `${subject} ${error.message}`;
  return { pointer: `${examplePointer}${error.instancePath}`, onKey: false, text };
}

/** OpenAPI 3.0 schemas are checked as 2019-09 (with its own forms turned into that), 3.1's as 2020-12. */
const dialectOf = (specVersion) => (specVersion === "oas3_0" ? "2019-09" : "2020-12");

/**
 * Checks one example value (at `valueLocation`) against `schema` (at `schemaLocation`): one problem per failing
 * place, naming everything wrong there.
 */
function check(ctx, { value, valueLocation, schema, schemaLocation, direction, closed }) {
  let validate;
  try {
    validate = validatorFor(schema, schemaLocation, ctx.resolve, {
      dialect: dialectOf(ctx.specVersion),
      closed,
      direction,
    });
  } catch (error) {
    ctx.report({
      message: `example not checked: its schema does not compile (${error.message})`,
      location: schemaLocation,
    });
    return;
  }
  if (!validate || validate(value)) return;
  const byPlace = new Map();
  for (const error of validate.errors ?? []) {
    const { pointer, onKey, text } = finding(error, valueLocation.pointer, direction);
    const place = `${onKey}:${pointer}`;
    const texts = byPlace.get(place) ?? { pointer, onKey, texts: new Set() };
    texts.texts.add(text);
    byPlace.set(place, texts);
  }
  for (const { pointer, onKey, texts } of byPlace.values()) {
    ctx.report({
      message: `${PREFIX}: ${[...texts].join("; ")}`,
      location: { source: valueLocation.source, pointer, reportOnKey: onKey },
    });
  }
}

/** The value of a named example (an Example object, maybe a `$ref` to one) and its place; undefined without one. */
function namedExample(ctx, example, location) {
  if (isRef(example)) {
    const resolved = ctx.resolve(example);
    if (!resolved.location) return undefined;
    return namedExample(ctx, resolved.node, resolved.location);
  }
  if (!isPlainObject(example) || example.value === undefined) return undefined;
  return { value: example.value, valueLocation: location.child("value") };
}

/** The `example` and every named `examples` value of a media type or parameter, against its `schema`. */
function checkExamplesOf(node, ctx, direction, closed) {
  if (node.schema === undefined) return;
  const target = { schema: node.schema, schemaLocation: ctx.location.child("schema"), direction, closed };
  if (node.example !== undefined)
    check(ctx, { ...target, value: node.example, valueLocation: ctx.location.child("example") });
  if (!isPlainObject(node.examples)) return;
  for (const [name, example] of Object.entries(node.examples)) {
    const found = namedExample(ctx, example, ctx.location.child(["examples", name]));
    if (found) check(ctx, { ...target, ...found });
  }
}

/** A schema's own examples: `example` (OpenAPI 3.0) and each entry of `examples` (3.1); no request or response side. */
function checkSchemaExamples(schema, ctx, closed) {
  const target = { schema, schemaLocation: ctx.location, direction: undefined, closed };
  if (schema.example !== undefined)
    check(ctx, { ...target, value: schema.example, valueLocation: ctx.location.child("example") });
  if (!Array.isArray(schema.examples)) return;
  schema.examples.forEach((value, index) => {
    check(ctx, { ...target, value, valueLocation: ctx.location.child(["examples", index]) });
  });
}

/**
 * Options: `allowAdditionalProperties` (default false): when false, an example may hold no property its schema does
 * not name, unless that schema says what others may be (`additionalProperties`).
 */
function exampleMatchesSchema(options) {
  const closed = options.allowAdditionalProperties !== true;
  const mediaType = (direction) => ({ leave: (node, ctx) => checkExamplesOf(node, ctx, direction, closed) });
  return {
    Parameter: {
      leave: (node, ctx) => checkExamplesOf(node, ctx, "request", closed),
      MediaType: mediaType("request"),
    },
    RequestBody: { MediaType: mediaType("request") },
    Response: { MediaType: mediaType("response") },
    Schema: { leave: (node, ctx) => checkSchemaExamples(node, ctx, closed) },
  };
}

export default function examples() {
  return {
    id: "examples",
    rules: { oas3: { "example-matches-schema": exampleMatchesSchema } },
  };
}
