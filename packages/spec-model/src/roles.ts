// The OAuth role of a request field: what RFC 6749 calls it, whatever the spec names it. Found by name (snake_case,
// camelCase or kebab-case spellings of RFC 6749's names), or given by the field's `x-sdk-role` (specs/README.md).
import type { FieldModel } from "./body.js";
import type { SpecDocument } from "./read.js";

export const FIELD_ROLES = [
  "client_id",
  "client_secret",
  "grant_type",
  "code",
  "redirect_uri",
  "refresh_token",
  "scope",
  "assertion",
  "subject_token",
  "subject_token_type",
  "username",
  "password",
] as const;
export type FieldRole = (typeof FIELD_ROLES)[number];

/**
 * RFC 6749's names, and the spellings vendors use, with case, `_` and `-` ignored. A Map, so that a field named
 * like an Object.prototype member (`constructor`) has no role.
 */
const BY_NAME: ReadonlyMap<string, FieldRole> = new Map<string, FieldRole>(
  Object.entries({
    clientid: "client_id",
    clientsecret: "client_secret",
    granttype: "grant_type",
    code: "code",
    authorizationcode: "code",
    authcode: "code",
    redirecturi: "redirect_uri",
    redirecturl: "redirect_uri",
    refreshtoken: "refresh_token",
    scope: "scope",
    scopes: "scope",
    assertion: "assertion",
    subjecttoken: "subject_token",
    subjecttokentype: "subject_token_type",
    username: "username",
    email: "username",
    password: "password",
  } satisfies Record<string, FieldRole>),
);

/** Field name → its role, for the fields that have one; a role claimed twice is a spec error at the second. */
export function fieldRoles(
  spec: SpecDocument,
  fields: readonly FieldModel[],
  place: string,
): Map<string, FieldRole> {
  const roles = new Map<string, FieldRole>();
  // role → the field holding it, and whether the field says so itself (`x-sdk-role` wins over a name).
  const claimed = new Map<FieldRole, { name: string; given: boolean }>();
  for (const field of fields) {
    const given = declaredRole(spec, field, `${place}/properties/${field.name}`);
    const role = given ?? BY_NAME.get(field.name.toLowerCase().replace(/[_-]/g, ""));
    if (role === undefined) continue;
    const other = claimed.get(role);
    if (other && (given === undefined || !other.given)) {
      if (given === undefined) continue;
      roles.delete(other.name);
    } else if (other) {
      spec.fail(
        `${place}/properties/${field.name}/x-sdk-role`,
        `role ${role} is also given to ${other.name}`,
      );
    }
    claimed.set(role, { name: field.name, given: given !== undefined });
    roles.set(field.name, role);
  }
  return roles;
}

/** The field's `x-sdk-role`, checked; on the property as written, or on the schema its `$ref` names. */
function declaredRole(spec: SpecDocument, field: FieldModel, place: string): FieldRole | undefined {
  const raw =
    (field.schema as { "x-sdk-role"?: unknown })["x-sdk-role"] ??
    (spec.resolve(field.schema, place) as { "x-sdk-role"?: unknown })["x-sdk-role"];
  if (raw === undefined) return undefined;
  if (typeof raw !== "string" || !(FIELD_ROLES as readonly string[]).includes(raw))
    spec.fail(`${place}/x-sdk-role`, `must be one of ${FIELD_ROLES.join(", ")}`);
  return raw as FieldRole;
}

export type GrantKind =
  | "authorization_code"
  | "refresh_token"
  | "client_credentials"
  | "password"
  | "jwt_bearer"
  | "token_exchange";

/** `grant_type` values by grant, with case, `_` and `-` ignored ("pkce" is a code exchange). */
const GRANT_BY_VALUE = new Map<string, GrantKind>([
  ["authorizationcode", "authorization_code"],
  ["code", "authorization_code"],
  ["pkce", "authorization_code"],
  ["password", "password"],
  ["refreshtoken", "refresh_token"],
  ["clientcredentials", "client_credentials"],
]);

/** The grant a `grant_type` value names: RFC 6749's four, RFC 7523's JWT bearer, RFC 8693's token exchange. */
export function grantOfValue(value: string): GrantKind | undefined {
  if (value === "urn:ietf:params:oauth:grant-type:jwt-bearer") return "jwt_bearer";
  if (value === "urn:ietf:params:oauth:grant-type:token-exchange") return "token_exchange";
  return GRANT_BY_VALUE.get(value.toLowerCase().replace(/[_-]/g, ""));
}
