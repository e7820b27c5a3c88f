// The OAuth 2 authorization code flow of a spec (`components.securitySchemes.*.flows.authorizationCode`) with
// what the provider's authorize page does differently (`x-sdk-authorization`, specs/README.md).
import type { AuthorizationExtension, SecurityScheme } from "./document.js";
import { extensionObject, readScopeSeparator } from "./extension-values.js";
import { pointer } from "./pointer.js";
import type { SpecDocument } from "./read.js";

/** The RFC 6749 §4.1.1 parameters a provider may name differently. */
export const AUTHORIZATION_PARAMETERS = [
  "client_id",
  "redirect_uri",
  "scope",
  "state",
  "response_type",
] as const;
export type AuthorizationParameter = (typeof AUTHORIZATION_PARAMETERS)[number];

export interface AuthorizationFlowModel {
  /** The security scheme that declares the flow. */
  scheme: string;
  /** JSON pointer of the flow. */
  place: string;
  authorizationUrl: string;
  /** The provider's names for RFC 6749's parameters (Douyin: `client_id` → `client_key`). */
  parameterNames?: Partial<Record<AuthorizationParameter, string>>;
  /** How the authorize page joins scopes; absent: a space (RFC 6749 §3.3). */
  scopeSeparator?: string;
  /** Parameters sent on every authorize URL (Avito's `pro_users_flow`). */
  fixedParameters?: Record<string, string>;
  /** The provider takes a PKCE challenge (RFC 7636, S256) and the code exchange a `code_verifier`. */
  pkce?: boolean;
  /** Query parameters the redirect back brings besides `code` and `state` (Douyin's `scopes`). */
  callbackParameters?: string[];
  /** The scopes the flow declares, with their descriptions. */
  scopes: Record<string, string>;
  /** The client id's name on the authorize page, and so in the SDK's options: `client_id` unless renamed. */
  clientIdName: string;
}

const EXTENSION_KEYS = ["parameterNames", "scopeSeparator", "fixedParameters", "pkce", "callbackParameters"];

/** The spec's one authorization code flow, or undefined when it declares none. */
export function readAuthorizationFlow(spec: SpecDocument): AuthorizationFlowModel | undefined {
  const schemes: Record<string, SecurityScheme> = spec.document.components?.securitySchemes ?? {};
  const declaring = Object.keys(schemes).filter((name) => schemes[name]?.flows?.authorizationCode);
  const [scheme, second] = declaring;
  if (scheme === undefined) return undefined;
  const place = pointer("components", "securitySchemes", scheme, "flows", "authorizationCode");
  if (second !== undefined)
    spec.fail(
      pointer("components", "securitySchemes", second, "flows", "authorizationCode"),
      `only one authorizationCode flow is supported (${scheme} declares one already)`,
    );
  const flow = schemes[scheme]?.flows?.authorizationCode ?? {};
  const url = flow.authorizationUrl;
  if (typeof url !== "string" || !/^https?:\/\/[^/]/.test(url))
    spec.fail(`${place}/authorizationUrl`, "needs authorizationUrl (an absolute http(s) URL)");
  const extension = readExtension(spec, flow["x-sdk-authorization"], `${place}/x-sdk-authorization`);
  return {
    scheme,
    place,
    authorizationUrl: url,
    ...extension,
    scopes: { ...flow.scopes },
    clientIdName: extension.parameterNames?.client_id ?? "client_id",
  };
}

function readExtension(
  spec: SpecDocument,
  raw: AuthorizationExtension | undefined,
  place: string,
): Pick<
  AuthorizationFlowModel,
  "parameterNames" | "scopeSeparator" | "fixedParameters" | "pkce" | "callbackParameters"
> {
  if (raw === undefined) return {};
  extensionObject(spec, raw, place, EXTENSION_KEYS);
  const parameterNames = stringRecord(spec, raw.parameterNames, `${place}/parameterNames`);
  for (const name of Object.keys(parameterNames ?? {}))
    if (!(AUTHORIZATION_PARAMETERS as readonly string[]).includes(name))
      spec.fail(
        `${place}/parameterNames/${name}`,
        `"${name}" is not one of ${AUTHORIZATION_PARAMETERS.join(", ")}`,
      );
  const scopeSeparator = readScopeSeparator(spec, raw.scopeSeparator, `${place}/scopeSeparator`);
  const fixedParameters = stringRecord(spec, raw.fixedParameters, `${place}/fixedParameters`);
  if (raw.pkce !== undefined && typeof raw.pkce !== "boolean")
    spec.fail(`${place}/pkce`, "must be true or false");
  const callbackParameters = raw.callbackParameters;
  const reserved = ["code", "state", "error", "error_description"];
  const badName = (name: unknown) =>
    typeof name !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || reserved.includes(name);
  if (
    callbackParameters !== undefined &&
    (!Array.isArray(callbackParameters) || callbackParameters.some(badName))
  )
    spec.fail(
      `${place}/callbackParameters`,
      "must be a list of parameter names other than code, state, error and error_description",
    );
  return {
    ...(parameterNames ? { parameterNames } : {}),
    ...(scopeSeparator ? { scopeSeparator } : {}),
    ...(fixedParameters ? { fixedParameters } : {}),
    ...(raw.pkce ? { pkce: true } : {}),
    ...(callbackParameters?.length ? { callbackParameters: [...callbackParameters] } : {}),
  };
}

/** A map of non-empty strings, or undefined when absent. */
function stringRecord(spec: SpecDocument, raw: unknown, place: string): Record<string, string> | undefined {
  if (raw === undefined) return undefined;
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) spec.fail(place, "must be a map of strings");
  for (const [key, value] of Object.entries(raw))
    if (typeof value !== "string" || value === "")
      spec.fail(`${place}/${pointer(key).slice(2)}`, "must be a non-empty string");
  return raw as Record<string, string>;
}
