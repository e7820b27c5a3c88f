// Responses: every declared status with its media types, the body a client reads, and where errors sit.

import type { ErrorFieldsExtension, Operation, Schema } from "./document.js";
import { pointer, schemaRefName } from "./pointer.js";
import type { SpecDocument } from "./read.js";
import { allOfMerged } from "./schema/value-types.js";
import { readTokenAnswer, type TokenAnswerModel } from "./token-answer.js";

export interface ContentModel {
  mediaType: string;
  /** The schema as written; undefined when the spec gives none. */
  schema?: Schema;
  /** components.schemas name of the schema, when it is a component. */
  schemaName?: string;
  place: string;
}

/** Where a provider's own error code and message sit in a body (dotted paths): `x-sdk-error`'s shape. */
export type ErrorFields = ErrorFieldsExtension;

/** A success body that may report an error (`x-sdk-error-in-body`). */
export interface ErrorInBody {
  code: string;
  message: string;
  /** Values of the code that mean success; an absent code means success too. */
  successCodes: (string | number)[];
}

export interface ResponseModel {
  /** "200", "4XX", "default". */
  status: string;
  place: string;
  description?: string;
  content: ContentModel[];
  /** The body a client reads: application/json when declared, else the first media type. */
  body?: ContentModel;
  /** `x-sdk-error` of the body's schema. */
  errorFields?: ErrorFields;
  /** `x-sdk-token`: the body is a token answer (success responses only). */
  token?: TokenAnswerModel;
}

export function readResponses(spec: SpecDocument, operation: Operation, place: string): ResponseModel[] {
  const entries = Object.entries(operation.responses ?? {});
  if (entries.length === 0) spec.fail(`${place}/responses`, "declares no response");
  return entries.map(([status, raw]) => {
    const responsePlace = `${place}/responses/${status}`;
    if (!isSuccessStatus(status) && !/^([45]\d\d|[45]XX|default)$/i.test(status))
      spec.fail(responsePlace, "unsupported response status key");
    const response = spec.resolve(raw, responsePlace);
    const token = readTokenAnswer(spec, response, responsePlace, isSuccessStatus(status));
    const content: ContentModel[] = Object.entries(response.content ?? {}).map(([mediaType, media]) => {
      const schemaName = schemaRefName(media.schema);
      return {
        mediaType,
        ...(media.schema ? { schema: media.schema } : {}),
        ...(schemaName ? { schemaName } : {}),
        place: `${responsePlace}/content/${pointer(mediaType).slice(2)}`,
      };
    });
    const body = content.find((entry) => entry.mediaType === "application/json") ?? content[0];
    const errorFields = body?.schema ? readErrorFields(spec, body.schema, `${body.place}/schema`) : {};
    return {
      status,
      place: responsePlace,
      ...(response.description ? { description: response.description } : {}),
      content,
      ...(body ? { body } : {}),
      ...(Object.keys(errorFields).length > 0 ? { errorFields } : {}),
      ...(token ? { token } : {}),
    };
  });
}

/** RFC 6749 §5.2's error body: how an error is read when the spec declares none. */
export const RFC6749_ERROR_FIELDS: ErrorFields = { code: "error", message: "error_description" };

/** Names of a body's own code and message, in the order tried, when its schema has no `x-sdk-error`. */
const CODE_NAMES = ["error", "code"];
const MESSAGE_NAMES = ["error_description", "message"];

/**
 * Where an error body's code and message sit: its schema's `x-sdk-error`, else the first of its scalar properties
 * named `error` or `code`, and `error_description` or `message` (RFC 6749 §5.2, then the common `{code, message}`).
 */
function readErrorFields(spec: SpecDocument, raw: Schema, place: string): ErrorFields {
  const schema = spec.resolve(raw, place);
  const extension = schema["x-sdk-error"];
  if (extension) {
    return {
      ...(extension.code ? { code: extension.code } : {}),
      ...(extension.message ? { message: extension.message } : {}),
    };
  }
  const properties = allOfMerged(spec, raw, place).properties ?? {};
  const scalar = (name: string) => {
    const property = properties[name];
    if (!property) return false;
    const { type } = spec.resolve(property, `${place}/properties/${name}`);
    return type !== "object" && type !== "array";
  };
  const code = CODE_NAMES.find(scalar);
  const message = MESSAGE_NAMES.find(scalar);
  return { ...(code ? { code } : {}), ...(message ? { message } : {}) };
}

export function readErrorInBody(
  spec: SpecDocument,
  operation: Operation,
  success: ResponseModel,
): ErrorInBody | undefined {
  const raw = operation.responses?.[success.status];
  const rule = raw ? spec.resolve(raw, success.place)["x-sdk-error-in-body"] : undefined;
  if (!rule) return undefined;
  const place = `${success.place}/x-sdk-error-in-body`;
  if (typeof rule.code !== "string" || rule.code === "") spec.fail(`${place}/code`, "must be a dotted path");
  return { code: rule.code, message: rule.message ?? "", successCodes: rule.success ?? [] };
}

/** A success status key: "200" to "299", or the range "2XX". */
export function isSuccessStatus(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

/** The HTTP statuses the success responses stand for ("2XX": every one from 200 to 299), in spec order. */
export function successStatuses(responses: ResponseModel[]): number[] {
  const statuses = responses
    .filter((response) => isSuccessStatus(response.status))
    .flatMap((response) =>
      /^\d+$/.test(response.status)
        ? [Number(response.status)]
        : Array.from({ length: 100 }, (_, index) => 200 + index),
    );
  return [...new Set(statuses)];
}

/** The declared response for a status: exact, then nXX, then default. */
export function responseFor(
  operation: { responses: ResponseModel[] },
  status: number,
): ResponseModel | undefined {
  const exact = String(status);
  const range = `${exact[0]}XX`;
  return (
    operation.responses.find((response) => response.status === exact) ??
    operation.responses.find((response) => response.status.toUpperCase() === range) ??
    operation.responses.find((response) => response.status === "default")
  );
}
