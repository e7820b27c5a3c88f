import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { CodegenError } from "./errors.js";

// The parts of an OpenAPI 3.0 document that codegen reads.
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  description?: string;
  title?: string;
  enum?: unknown[];
  default?: unknown;
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  "x-sdk-error"?: { code?: string; message?: string };
}

export interface MediaType {
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, { summary?: string; value?: unknown; $ref?: string }>;
}

export interface Parameter {
  $ref?: string;
  name: string;
  in: "query" | "header" | "path" | "cookie";
  required?: boolean;
  description?: string;
  schema?: Schema;
  example?: unknown;
}

export interface ErrorInBody {
  code: string;
  message?: string;
  success?: (string | number)[];
}

export interface Response {
  $ref?: string;
  description?: string;
  content?: Record<string, MediaType>;
  "x-sdk-error-in-body"?: ErrorInBody;
}

export interface SdkMethod {
  name: string;
  tag?: string;
  request?: string;
  response?: string;
  originalPath?: string;
  summary?: string;
}

export interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { $ref?: string; required?: boolean; content?: Record<string, MediaType> };
  responses?: Record<string, Response>;
  security?: Record<string, string[]>[];
  "x-sdk-methods"?: SdkMethod[];
}

export interface SecurityScheme {
  type: string;
  scheme?: string;
}

export interface OpenApiDocument {
  openapi: string;
  info: {
    title: string;
    version: string;
    description?: string;
    "x-sdk"?: { package?: string; errorClass?: string; clientFactory?: string };
  };
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths?: Record<string, Record<string, Operation | Parameter[] | string | undefined>>;
  components?: {
    schemas?: Record<string, Schema>;
    securitySchemes?: Record<string, SecurityScheme>;
    parameters?: Record<string, Parameter>;
    responses?: Record<string, Response>;
    requestBodies?: Record<string, Operation["requestBody"]>;
  };
  security?: Record<string, string[]>[];
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "options", "head", "trace"] as const;

/** A parsed spec with its file name (repo-relative, for banners and messages). */
export class Spec {
  readonly document: OpenApiDocument;

  constructor(
    readonly file: string,
    absolutePath: string,
  ) {
    let document: unknown;
    try {
      document = parse(readFileSync(absolutePath, "utf8"));
    } catch (error) {
      throw new CodegenError(file, "YAML", error instanceof Error ? error.message : String(error));
    }
    if (!document || typeof document !== "object" || !("openapi" in document)) {
      throw new CodegenError(file, "#/openapi", "not an OpenAPI 3 document");
    }
    this.document = document as OpenApiDocument;
  }

  fail(place: string, problem: string): never {
    throw new CodegenError(this.file, place, problem);
  }

  /** Follows a local $ref ("#/components/schemas/X") to its target. */
  resolve<T extends { $ref?: string }>(value: T, place: string): T {
    let current: T = value;
    for (let depth = 0; current.$ref !== undefined; depth++) {
      if (depth > 20) this.fail(place, `$ref cycle at ${current.$ref}`);
      const ref = current.$ref;
      if (!ref.startsWith("#/")) this.fail(place, `only local $refs are supported, got ${ref}`);
      let target: unknown = this.document;
      for (const segment of ref.slice(2).split("/")) {
        const key = decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~");
        target = target && typeof target === "object" ? (target as Record<string, unknown>)[key] : undefined;
      }
      if (!target || typeof target !== "object") this.fail(place, `$ref ${ref} points nowhere`);
      current = target as T;
    }
    return current;
  }
}

/** "#/components/schemas/Name" → "Name" (undefined for any other ref). */
export function schemaRefName(schema: Schema | undefined): string | undefined {
  const match = schema?.$ref?.match(/^#\/components\/schemas\/([^/]+)$/);
  return match?.[1] === undefined
    ? undefined
    : decodeURIComponent(match[1]).replace(/~1/g, "/").replace(/~0/g, "~");
}

/** JSON-pointer style place for messages. */
export function pointer(...segments: (string | number)[]): string {
  return `#/${segments.map((segment) => String(segment).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
}
