// `x-sdk-token` on a success response (specs/README.md): where each TokenSet field sits in a token answer, and
// which provider error codes refuse a refresh.
import type { Response, TokenFieldPaths } from "./document.js";
import { extensionObject } from "./extension-values.js";
import type { SpecDocument } from "./read.js";

/**
 * A refused refresh token answered with a code the provider also uses for other errors: it counts only with this
 * status and/or a description matching `message` (a regular expression, case-insensitive).
 */
export interface RefusalRuleModel {
  code: string | number;
  status?: number;
  message?: string;
}

/** A success response that is a token answer (`x-sdk-token`). */
export interface TokenAnswerModel {
  /** JSON pointer of the extension. */
  place: string;
  fields: TokenFieldPaths;
  /** Provider error codes (or rules) meaning the refresh token is refused: the user must authorize again. */
  refusedRefreshCodes: (string | number | RefusalRuleModel)[];
}

const PATH_KEYS = [
  "accessToken",
  "tokenType",
  "defaultTokenType",
  "expiresIn",
  "refreshToken",
  "refreshTokenExpiresIn",
  "refreshTokenExpiresAt",
  "scope",
] as const;
const KEYS: readonly string[] = [...PATH_KEYS, "extra", "refusedRefreshCodes"];

/** The `x-sdk-token` of a resolved response, validated; undefined when it has none. */
export function readTokenAnswer(
  spec: SpecDocument,
  response: Response,
  responsePlace: string,
  isSuccess: boolean,
): TokenAnswerModel | undefined {
  const raw: unknown = response["x-sdk-token"];
  if (raw === undefined) return undefined;
  const place = `${responsePlace}/x-sdk-token`;
  if (!isSuccess) spec.fail(place, "belongs on a success (2xx) response");
  const value = extensionObject(spec, raw, place, KEYS);
  if (typeof value.accessToken !== "string" || value.accessToken === "")
    spec.fail(`${place}/accessToken`, "needs accessToken (a dotted path)");
  const fields: Record<string, unknown> = {};
  for (const key of PATH_KEYS) {
    const path = value[key];
    if (path === undefined) continue;
    if (typeof path !== "string" || path === "") spec.fail(`${place}/${key}`, "must be a dotted path");
    fields[key] = path;
  }
  const extra = list(
    spec,
    value.extra,
    `${place}/extra`,
    "a dotted path",
    (item) => typeof item === "string",
  );
  if (extra.length > 0) fields.extra = extra;
  const refusedRefreshCodes = list(
    spec,
    value.refusedRefreshCodes,
    `${place}/refusedRefreshCodes`,
    "an error code (a string or a number), or { code, status?, message? } for a generic code",
    (item) => typeof item === "string" || typeof item === "number" || isRefusalRule(item),
  );
  return {
    place,
    fields: fields as unknown as TokenFieldPaths,
    refusedRefreshCodes: refusedRefreshCodes as TokenAnswerModel["refusedRefreshCodes"],
  };
}

/** `{ code, status?, message? }` with at least a status or a message pattern that compiles. */
function isRefusalRule(item: unknown): boolean {
  if (item === null || typeof item !== "object" || Array.isArray(item)) return false;
  const { code, status, message, ...rest } = item as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || (typeof code !== "string" && typeof code !== "number")) return false;
  if (status === undefined && message === undefined) return false;
  if (
    status !== undefined &&
    !(Number.isInteger(status) && (status as number) >= 100 && (status as number) < 600)
  )
    return false;
  if (message === undefined) return true;
  if (typeof message !== "string" || message === "") return false;
  try {
    new RegExp(message, "i");
    return true;
  } catch {
    return false;
  }
}

/** A list whose every item passes `isItem`; [] when absent. */
function list(
  spec: SpecDocument,
  raw: unknown,
  place: string,
  what: string,
  isItem: (item: unknown) => boolean,
): unknown[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) spec.fail(place, `must be a list, each item ${what}`);
  for (const [index, item] of raw.entries())
    if (!isItem(item) || item === "") spec.fail(`${place}/${index}`, `must be ${what}`);
  return raw;
}
