// Renders src/generated/lifecycle.gen.ts from the spec model's lifecycle (`model.lifecycle`: the token answer
// and the method of each grant) and the provider's authorization code flow: the tables @x/oauth-core's helpers
// read, and the package's typed toTokenSet, createTokenManager and authorizationUrl over them.
import {
  type AuthorizationFlowModel,
  type FieldModel,
  type GrantCallModel,
  type LifecycleModel,
  pascalCase,
  type SdkMethodModel,
  type SpecModel,
} from "@x/spec-model";
import { banner } from "./emit-code.js";
import { paramsTypeName, successTypeName } from "./type-expressions.js";

/** Fields a grant call fills itself; any other non-credential field becomes a manager option. */
const FLOW_FIELDS = new Set(["grant_type", "refresh_token", "code", "redirect_uri", "code_verifier"]);

const json = (value: unknown) => JSON.stringify(value);
const isCredential = (field: FieldModel) => field.name.startsWith("client_");
const optionsOf = (call: GrantCallModel) =>
  call.fields.filter((field) => !isCredential(field) && !FLOW_FIELDS.has(field.name));
const optional = (required: boolean) => (required ? "" : "?");

/** The lifecycle module of one provider, or undefined when its spec has no `x-sdk-token`. */
export function emitLifecycle(model: SpecModel): string | undefined {
  const lifecycle = model.lifecycle;
  if (!lifecycle) return undefined;
  const results = [
    ...new Set(lifecycle.methods.flatMap((method) => successTypeName(method).split(" | "))),
  ].sort();
  const renewing = [...new Set(lifecycle.renewals.map((call) => call.method))];
  const flow = model.provider.authorization;
  const flowImports = flow
    ? `type AuthorizationFlow, type AuthorizationRequest, type AuthorizationUrlOptionsBase, authorizationUrlFromOptions, type ParseCallbackOptions, parseCallbackWithFlow, ${flow.pkce ? "pkceAuthorizationUrlFromOptions, " : ""}`
    : "";
  const modelTypes = [...new Set([...results, ...renewing.map((method) => paramsTypeName(method))])].sort();
  return `${banner(model)}import { ${flowImports}createProviderTokenManager, createProviderTokenManagers, type GrantParams, type ProviderTokenManagerOptions, type ProviderTokenTable, type TokenFieldMap, type TokenManager, type TokenManagers, type TokenSet, type ToTokenSetOptions, tokenSetFromResult } from "@x/oauth-core";
import { ${[...new Set(renewing.map((method) => method.className))].sort().join(", ")} } from "./api.gen.js";
import type { Configuration } from "./client.gen.js";
import { ${model.provider.errorClass} } from "./errors.gen.js";
import type { ${modelTypes.join(", ")} } from "./models.gen.js";
${tokenSection(model, lifecycle, results)}${managerSection(model, lifecycle)}${flow ? authorizationSection(model, flow) : ""}`;
}

/** tokenFields, refusedRefreshCodes and toTokenSet. */
function tokenSection(model: SpecModel, lifecycle: LifecycleModel, results: string[]): string {
  const { accessTokenLifetime, refreshTokenLifetime, scopeSeparator } = model.provider.tokens;
  // JSON leaves out the facts the spec does not give.
  const tokenFields = {
    ...lifecycle.token.fields,
    accessTokenLifetime,
    refreshTokenLifetime,
    scopeSeparator,
  };
  return `
/** Where each TokenSet field is in a success body (the spec's \`x-sdk-token\`). */
export const tokenFields = ${json(tokenFields)} as const satisfies TokenFieldMap;

/** Provider error codes (a generic one with its status or message) meaning the refresh token is refused: the user must authorize again. */
export const refusedRefreshCodes = ${json(lifecycle.token.refusedRefreshCodes)} as const;

/**
 * A token answer as a TokenSet. Pass \`requestedAt\` (when the request was sent) for an exact expiry, and
 * \`previous\` when renewing, to keep its refresh token if the answer brings none.
 */
export function toTokenSet(result: ${results.join(" | ")}, options?: ToTokenSetOptions): TokenSet {
  return tokenSetFromResult(result, tokenFields, options);
}
`;
}

/** The credentials and options types, one connector per API method, the grant table and createTokenManager. */
function managerSection(model: SpecModel, { renewals, exchange }: LifecycleModel): string {
  const prefix = pascalCase(model.provider.id);
  const requires = (call: GrantCallModel, name: string) =>
    call.fields.some((field) => field.name === name && field.required);
  // The code exchange's client_* fields too, so credentials read as the package's methods name them.
  const credentials = uniqueFields(
    [...renewals, ...(exchange ? [exchange] : [])].flatMap((call) => call.fields.filter(isCredential)),
  );
  const credentialsType = credentials.length
    ? `
export interface ${prefix}Credentials {
${credentials.map((f) => `  ${f.name}${optional(renewals.some((call) => requires(call, f.name)))}: string;`).join("\n")}
}
`
    : "";
  const credentialsOption = credentials.length
    ? ` & {
  /** The credentials, named as the package's methods name them. */
  credentials: ${prefix}Credentials;
}`
    : "";
  const grantOptions = renewals.map((call) => {
    const grant = call.grant === "refresh_token" ? `grant?: "refresh_token";` : `grant: ${json(call.grant)};`;
    const own = uniqueFields(optionsOf(call)).map((f) => `${f.name}${optional(f.required)}: string;`);
    return `{ ${[grant, ...own].join(" ")} }`;
  });
  const connectName = (method: SdkMethodModel) => `connect${pascalCase(method.name)}`;
  // One connector per method, shared by the grants it sends (Pinterest's and Criteo's one method sends both).
  const connectors = [...new Set(renewals.map((call) => call.method))].map(
    (method) => `function ${connectName(method)}(config: Configuration | undefined) {
  const api = new ${method.className}(config);
  return (params: GrantParams, signal: AbortSignal) => api.${method.name}(params as ${paramsTypeName(method)}, { signal });
}
`,
  );
  const grantCalls = renewals.map((call) => {
    const { method } = call;
    const listed = (key: string, fields: FieldModel[]) =>
      fields.length ? [`${key}: ${json(fields.map((field) => field.name))},`] : [];
    const lines = [
      `operation: ${json(method.name)},`,
      ...listed("credentials", call.fields.filter(isCredential)),
      ...listed("options", optionsOf(call)),
      `connect: ${connectName(method)},`,
    ];
    return `    ${call.grant}: {\n${lines.map((line) => `      ${line}`).join("\n")}\n    },`;
  });
  return `${credentialsType}
/** Options of createTokenManager: the API classes' \`config\`, the grant to renew with, and the manager's own. */
export type ${prefix}TokenManagerOptions = ProviderTokenManagerOptions<Configuration>${credentialsOption} & (${grantOptions.join(" | ")});

/** Each API class once per manager; the sender posts every renewal through the grant's method. */
${connectors.join("\n")}
/** The method that sends each grant the manager renews with, and the fields it takes. */
const tokenEndpoint: ProviderTokenTable<Configuration> = {
  provider: ${json(model.provider.id)},
  packageName: ${json(model.provider.packageName)},
  errorClass: ${model.provider.errorClass},
  fields: tokenFields,
  refusedCodes: refusedRefreshCodes,
  grants: {
${grantCalls.join("\n")}
  },
};

/**
 * A TokenManager for this provider: it renews with ${renewals.map((call) => `\`${call.method.name}\` (${call.grant})`).join(" or ")}.
 * Call \`setTokenSet(toTokenSet(…))\` after the code exchange; \`getAccessToken()\` before each API call.
 */
export function createTokenManager(options: ${prefix}TokenManagerOptions): TokenManager {
  return createProviderTokenManager(tokenEndpoint, options);
}

/**
 * The managers of many accounts: \`get(key)\` gives that account's TokenManager. At most \`maxManagers\` (default
 * 10,000) stay in memory, least recently used dropped first, never one with a refresh in flight.
 */
export function createTokenManagers(
  options: ${prefix}TokenManagerOptions & { key?: never; maxManagers?: number },
): TokenManagers {
  return createProviderTokenManagers(tokenEndpoint, options);
}
`;
}

/** authorizationFlow, AuthorizationUrlOptions, authorizationUrl, AuthorizationCallback and parseCallback. */
function authorizationSection(model: SpecModel, flow: AuthorizationFlowModel): string {
  const { authorizationUrl, parameterNames, scopeSeparator, fixedParameters, pkce } = flow;
  // What the spec does not set is absent from the model, and so from the JSON.
  const settings = { authorizationUrl, parameterNames, scopeSeparator, fixedParameters, pkce };
  const extra = flow.callbackParameters ?? [];
  const build = flow.pkce
    ? `/**
 * The URL that starts the authorization code flow, and the \`state\` to expect back with the code. With
 * \`pkce: true\`, a Promise that also gives the \`codeVerifier\` to send with the code exchange (S256, RFC 7636).
 */
export function authorizationUrl(options: AuthorizationUrlOptions & { pkce: true }): Promise<AuthorizationRequest & { codeVerifier: string }>;
export function authorizationUrl(options: AuthorizationUrlOptions & { pkce?: false }): AuthorizationRequest;
export function authorizationUrl(
  options: AuthorizationUrlOptions & { pkce?: boolean },
): AuthorizationRequest | Promise<AuthorizationRequest & { codeVerifier: string }> {
  const { pkce, ...rest } = options;
  return pkce ? pkceAuthorizationUrlFromOptions(authorizationFlow, rest) : authorizationUrlFromOptions(authorizationFlow, rest);
}`
    : `/** The URL that starts the authorization code flow, and the \`state\` to expect back with the code. */
export function authorizationUrl(options: AuthorizationUrlOptions): AuthorizationRequest {
  return authorizationUrlFromOptions(authorizationFlow, options);
}`;
  return `
/** The spec's OAuth 2 authorization code flow. */
export const authorizationFlow = ${json(settings)} as const satisfies AuthorizationFlow;

export interface AuthorizationUrlOptions extends AuthorizationUrlOptionsBase {
  ${flow.clientIdName}: string;
}

${build}

/** What a successful redirect back brings: the code${extra.length ? ", and the provider's other fields when present" : ""}. */
export interface AuthorizationCallback {
  code: string;
${extra.map((name) => `  ${name}?: string;`).join("\n")}
}

/**
 * The code of the redirect back to your \`redirect_uri\` (a URL, a URL string or its query), after checking its
 * \`state\` against \`expectedState\` in constant time. Anything else (no or another state, \`error=access_denied\`,
 * another \`error\`, no code) throws AuthorizationCallbackError with its \`reason\`.
 */
export function parseCallback(
  callback: URL | string | URLSearchParams,
  options: ParseCallbackOptions,
): AuthorizationCallback {
  return parseCallbackWithFlow(authorizationFlow, ${json(model.provider.id)}, callback, options, ${json(extra)});
}
`;
}

function uniqueFields(fields: FieldModel[]): FieldModel[] {
  return [...new Map(fields.map((f) => [f.name, f])).values()].sort((a, b) => a.name.localeCompare(b.name));
}
