// The token lifecycle of a spec's methods: the token answer they share (`x-sdk-token`, ./token-answer.ts) and
// which SDK method sends each grant.
import type { BodyVariant, FieldModel } from "./body.js";
import type { SdkMethodModel } from "./methods.js";
import { parametersIn } from "./operations.js";
import type { SpecDocument } from "./read.js";
import type { TokenAnswerModel } from "./token-answer.js";

export type GrantType = "authorization_code" | "refresh_token" | "client_credentials";
/** The grants a token manager renews with, in the order it prefers them. */
export const RENEWAL_GRANTS = ["refresh_token", "client_credentials"] as const;

/** The SDK method (or overload) that sends one grant, with the fields of that request. */
export interface GrantCallModel {
  grant: GrantType;
  method: SdkMethodModel;
  fields: FieldModel[];
}

export interface LifecycleModel {
  /** The token answer, the same on every operation that has one. */
  token: TokenAnswerModel;
  /** The SDK methods whose success is a token answer, in spec order. */
  methods: SdkMethodModel[];
  /** The code exchange, when a method sends `authorization_code`. */
  exchange?: GrantCallModel;
  /** The grants a manager renews with (`refresh_token`, `client_credentials`), those the spec has. */
  renewals: GrantCallModel[];
}

/** The lifecycle of a spec's methods, or undefined when no success response is a token answer. */
export function readLifecycle(spec: SpecDocument, methods: SdkMethodModel[]): LifecycleModel | undefined {
  const tokenMethods = methods.filter((method) => method.operation.token !== undefined);
  const token = tokenMethods[0]?.operation.token;
  if (!token) return undefined;
  const shape = (answer: TokenAnswerModel) =>
    JSON.stringify({ fields: answer.fields, codes: answer.refusedRefreshCodes });
  for (const method of tokenMethods) {
    const own = method.operation.token as TokenAnswerModel;
    if (shape(own) !== shape(token))
      spec.fail(own.place, `every x-sdk-token of one spec must be the same (see ${token.place})`);
  }
  const exchange = grantCall(spec, tokenMethods, "authorization_code");
  return {
    token,
    methods: tokenMethods,
    ...(exchange ? { exchange } : {}),
    renewals: RENEWAL_GRANTS.flatMap((grant) => grantCall(spec, tokenMethods, grant) ?? []),
  };
}

/**
 * The first method that sends `grant`: a query method whose grant_type is filled in with it, or the body
 * variant (an overload's, or the method's own) that the grant_type discriminates or allows.
 */
function grantCall(
  spec: SpecDocument,
  methods: SdkMethodModel[],
  grant: GrantType,
): GrantCallModel | undefined {
  for (const method of methods) {
    const query = parametersIn(method.operation, "query");
    if (method.defaults.grant_type === grant && query.length > 0) return { grant, method, fields: query };
    const variants = method.overloads?.map((overload) => overload.variant) ?? method.bodyVariants;
    const variant = variants.find(
      (candidate) => candidate.discriminator?.value === grant || grantTypes(spec, candidate).includes(grant),
    );
    if (variant) return { grant, method, fields: variant.fields };
  }
  return undefined;
}

/** The grant types a body variant's grant_type allows: its enum, its const, or its default. */
function grantTypes(spec: SpecDocument, variant: BodyVariant): string[] {
  const field = variant.fields.find((candidate) => candidate.name === "grant_type");
  if (!field) return [];
  const schema = spec.resolve(field.schema, `${variant.place}/properties/grant_type`);
  if (schema.enum) return schema.enum.map(String);
  if (schema.const !== undefined) return [String(schema.const)];
  return field.default === undefined ? [] : [field.default];
}
