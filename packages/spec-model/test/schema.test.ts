// The schema layer: OpenAPI schemas as the JSON Schema validators compile, and values built from a schema.
import { describe, expect, it } from "vitest";
import {
  type Fill,
  jsonSchemas,
  markVendorNullable,
  type Schema,
  SpecDocument,
  sampleValue,
  valueTypes,
} from "../src/index.js";

const spec = (schemas: string) =>
  SpecDocument.parse(
    `openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n${schemas}`,
    "t.yaml",
  );
const ID = "urn:t";
const ref = (name: string) => `${ID}#/definitions/${name}`;

describe("jsonSchemas", () => {
  it("reads nullable and x-nullable, on a type, an enum and a $ref", () => {
    const doc = spec(`
    A: { type: string, nullable: true, enum: [x, y] }
    B: { type: integer, x-nullable: true }
    C: { $ref: "#/components/schemas/B", nullable: true }
`);
    const { definitions } = jsonSchemas(doc, ID, "response").document as {
      definitions: Record<string, unknown>;
    };
    expect(definitions.A).toEqual({ type: ["string", "null"], enum: ["x", "y", null] });
    expect(definitions.B).toEqual({ type: ["integer", "null"] });
    expect(definitions.C).toEqual({ anyOf: [{ $ref: ref("B") }, { type: "null" }] });
  });

  it("drops an unknown format, an uncompilable pattern and vendor keywords; keeps what validates", () => {
    const doc = spec(`
    A:
      type: string
      format: urn
      pattern: "(?i)abc"
      x-box-tag: t
      example: e
    B: { type: string, format: date-time, pattern: "^[a-z]+$", minLength: 2 }
    C: { type: number, minimum: 0, exclusiveMinimum: true }
    D: { type: file }
`);
    const { definitions } = jsonSchemas(doc, ID, "request").document as {
      definitions: Record<string, unknown>;
    };
    expect(definitions.A).toEqual({ type: "string" });
    expect(definitions.B).toEqual({ type: "string", format: "date-time", pattern: "^[a-z]+$", minLength: 2 });
    expect(definitions.C).toEqual({ type: "number", exclusiveMinimum: 0 });
    expect(definitions.D).toEqual({});
  });

  it("turns a discriminator into dispatch: by its mapping, by oneOf member names, and by subtypes' allOf", () => {
    const doc = spec(`
    Mapped:
      oneOf: [{ $ref: "#/components/schemas/Cat" }]
      discriminator: { propertyName: kind, mapping: { meow: "#/components/schemas/Cat" } }
    Base:
      type: object
      properties: { kind: { type: string } }
      discriminator: { propertyName: kind }
    Cat:
      allOf: [{ $ref: "#/components/schemas/Base" }, { properties: { lives: { type: integer } } }]
`);
    const { definitions } = jsonSchemas(doc, ID, "response").document as {
      definitions: Record<string, { allOf?: unknown[]; anyOf?: unknown[] }>;
    };
    const dispatch = (value: string, target: string) => ({
      if: { properties: { kind: { const: value } }, required: ["kind"] },
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
      then: { $ref: ref(target) },
    });
    expect(definitions.Mapped?.anyOf).toEqual([{ $ref: ref("Cat") }]);
    expect(definitions.Mapped?.allOf).toEqual([dispatch("Cat", "Cat"), dispatch("meow", "Cat")]);
    // Without a mapping, a subtype that includes the base is named by its schema name (OpenAPI 3.0).
    expect(definitions.Base?.allOf).toEqual([dispatch("Cat", "Cat")]);
    // The subtype includes the base without its dispatch, so checking never loops.
    expect(definitions.Cat?.allOf?.[0]).toEqual({ $ref: ref("Base__base") });
  });

  it("leaves readOnly fields out of a request's required, writeOnly ones out of a response's", () => {
    const doc = spec(`
    A:
      type: object
      required: [id, secret, name]
      properties:
        id: { type: string, readOnly: true }
        secret: { $ref: "#/components/schemas/Secret" }
        name: { type: string }
    Secret: { type: string, writeOnly: true }
`);
    const request = jsonSchemas(doc, ID, "request").convert({ $ref: "#/components/schemas/A" }, "#");
    expect(request).toEqual({ $ref: ref("A") });
    const definitions = (direction: "request" | "response") =>
      (jsonSchemas(doc, ID, direction).document as { definitions: Record<string, { required?: string[] }> })
        .definitions;
    expect(definitions("request").A?.required).toEqual(["secret", "name"]);
    expect(definitions("response").A?.required).toEqual(["id", "name"]);
  });
});

describe("sampleValue", () => {
  const doc = spec(`
    Token:
      type: object
      required: [access_token, token_type, refresh_token, kind]
      properties:
        access_token: { type: string }
        token_type: { type: string, enum: [bearer] }
        refresh_token: { type: string, x-nullable: true }
        kind: { type: string, enum: [a, b] }
        note: { type: string }
        hint: { type: string, writeOnly: true }
      discriminator: { propertyName: kind, mapping: { b: "#/components/schemas/TokenB" } }
    TokenB:
      allOf:
        - $ref: "#/components/schemas/Token"
        - required: [extra]
          properties: { extra: { type: integer, minimum: 5 } }
`);
  const fill =
    (kind: string): Fill =>
    (path) => {
      const name = path[path.length - 1];
      if (name === "access_token") return { value: "tok" };
      if (name === "refresh_token") return "none";
      if (name === "kind") return { value: kind };
      return undefined;
    };

  it("fills what the caller knows, builds the required rest from the schema, and follows the discriminator", () => {
    const schema: Schema = { $ref: "#/components/schemas/Token" };
    expect(sampleValue(doc, schema, "#", fill("a"))).toEqual({
      access_token: "tok",
      token_type: "bearer",
      refresh_token: null,
      kind: "a",
    });
    expect(sampleValue(doc, schema, "#", fill("b"))).toEqual({
      access_token: "tok",
      token_type: "bearer",
      refresh_token: null,
      kind: "b",
      extra: 6,
    });
  });
});

describe("valueTypes", () => {
  it("reads 3.1 type arrays, nullable and x-nullable (also in an allOf part), const, enum and oneOf members", () => {
    const doc = spec(`
    Nullable: { type: string, x-nullable: true }
    Token:
      type: object
      properties:
        a: { type: [integer, "null"] }
        b: { $ref: "#/components/schemas/Nullable" }
        c: { type: string, nullable: true }
        d: { allOf: [{ $ref: "#/components/schemas/Nullable" }] }
        e: { oneOf: [{ const: OIDC }, { const: 7 }] }
        f: { enum: [x, null] }
        g: {}
`);
    const properties = doc.document.components?.schemas?.Token?.properties ?? {};
    const types = Object.fromEntries(
      Object.entries(properties).map(([name, schema]) => [name, valueTypes(doc, schema, name).join("|")]),
    );
    expect(types).toEqual({
      a: "number|null",
      b: "string|null",
      c: "string|null",
      d: "string|null",
      e: "string|number",
      f: "string|null",
      g: "string|number|boolean|object|array|null",
    });
  });

  it("markVendorNullable writes x-nullable as nullable for tools that read only the latter, not in examples", () => {
    const document = {
      components: { schemas: { A: { type: "string", "x-nullable": true, example: { "x-nullable": true } } } },
    };
    markVendorNullable(document);
    expect(document.components.schemas.A).toEqual({
      type: "string",
      "x-nullable": true,
      nullable: true,
      example: { "x-nullable": true },
    });
  });
});
