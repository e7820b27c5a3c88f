// Renders src/generated/lifecycle.gen.ts: toTokenSet, createTokenManager and authorizationUrl, from the spec's
// `x-sdk-token` (on success responses), `info.x-sdk-tokens` and its OAuth 2 `authorizationCode` flow with `x-sdk-authorization`.
import { type Operation, pointer, type SpecDocument } from "@x/spec-model";
import { banner } from "./emit-code.js";
import type { FieldModel, MethodModel, SdkModel } from "./model.js";

/** `x-sdk-token` on a success response: where the TokenSet fields are, and which error codes refuse a refresh. */
export interface TokenExtension {
  accessToken: string;
  tokenType?: string;
  defaultTokenType?: string;
  expiresIn?: string;
  refreshToken?: string;
  refreshTokenExpiresIn?: string;
  refreshTokenExpiresAt?: string;
  scope?: string;
  extra?: string[];
  refusedRefreshCodes?: (string | number)[];
}

/** `x-sdk-authorization` on an `authorizationCode` flow. */
interface AuthorizationExtension {
  parameterNames?: Record<string, string>;
  scopeSeparator?: string;
  fixedParameters?: Record<string, string>;
}

type Grant = "refresh_token" | "client_credentials";
const GRANTS: Grant[] = ["refresh_token", "client_credentials"];
/** Fields a grant call fills itself; any other non-credential field becomes a manager option. */
const FLOW_FIELDS = new Set(["grant_type", "refresh_token", "code", "redirect_uri", "code_verifier"]);

interface GrantCall {
  grant: Grant | "authorization_code";
  method: MethodModel;
  fields: FieldModel[];
}

const json = (value: unknown) => JSON.stringify(value);
const isCredential = (field: FieldModel) => field.name.startsWith("client_");

/** The lifecycle module of one provider, or undefined when its spec has no `x-sdk-token`. */
export function emitLifecycle(model: SdkModel): string | undefined {
  const spec = model.spec.spec;
  const tokenMethods = model.methods.filter((method) => tokenExtension(spec, method) !== undefined);
  const first = tokenMethods[0];
  if (!first) return undefined;
  const token = tokenExtension(spec, first) as TokenExtension;
  for (const method of tokenMethods) {
    if (json(tokenExtension(spec, method)) !== json(token)) {
      spec.fail(method.place, "every x-sdk-token of one spec must be the same");
    }
  }
  const { refusedRefreshCodes = [], ...locations } = token;
  const facts = model.spec.provider.tokens;
  const fieldMap = {
    ...locations,
    ...(facts.accessTokenLifetime === undefined ? {} : { accessTokenLifetime: facts.accessTokenLifetime }),
    ...(facts.refreshTokenLifetime === undefined ? {} : { refreshTokenLifetime: facts.refreshTokenLifetime }),
    ...(facts.scopeSeparator === undefined ? {} : { scopeSeparator: facts.scopeSeparator }),
  };
  const grants = GRANTS.flatMap((grant) => grantCall(tokenMethods, grant) ?? []) as (GrantCall & {
    grant: Grant;
  })[];
  // The code exchange's client_* parameters too, so credentials read as the package's methods name them.
  const exchange = grantCall(tokenMethods, "authorization_code");
  const credentialFields = uniqueFields(
    [...grants, ...(exchange ? [exchange] : [])].flatMap((call) => call.fields.filter(isCredential)),
  );
  const optionFields = uniqueFields(
    grants.flatMap((call) => call.fields.filter((f) => !isCredential(f) && !FLOW_FIELDS.has(f.name))),
  );
  const classes = [...new Set(grants.map((call) => call.method.className))].sort();
  const resultTypes = [
    ...new Set(tokenMethods.flatMap((method) => method.successTypeName.split(" | "))),
  ].sort();
  const flow = authorizationFlow(spec);
  const prefix = pascalProvider(model);

  const credentialsType = credentialFields
    .map((f) => `  ${f.name}${grants.some((g) => requires(g, f.name)) ? "" : "?"}: string;`)
    .join("\n");
  const grantOptions = grants.map((call) => {
    const own = optionFields.filter((f) => call.fields.some((g) => g.name === f.name));
    const lines = own.map((f) => `  ${f.name}${requires(call, f.name) ? "" : "?"}: string;`);
    const grantLine =
      call.grant === "refresh_token" ? `  grant?: "refresh_token";` : `  grant: "client_credentials";`;
    return `{\n${grantLine}\n${lines.join("\n")}\n}`;
  });

  const credentialsOption = credentialFields.length
    ? `  /** The credentials, named as the package's methods name them. */\n  credentials: ${prefix}Credentials;\n`
    : "";
  const requestCases = grants.map((call) => {
    const args = [
      `grant_type: ${json(call.grant)}`,
      ...(call.grant === "refresh_token" ? ['refresh_token: current?.refreshToken ?? ""'] : []),
      ...call.fields
        .filter((f) => isCredential(f))
        .map((f) =>
          requires(call, f.name)
            ? `${f.name}: options.credentials.${f.name}`
            : `...(options.credentials.${f.name} === undefined ? {} : { ${f.name}: options.credentials.${f.name} })`,
        ),
      ...call.fields
        .filter((f) => optionFields.some((o) => o.name === f.name))
        .map((f) =>
          requires(call, f.name)
            ? `${f.name}: options.${f.name}`
            : `...(options.${f.name} === undefined ? {} : { ${f.name}: options.${f.name} })`,
        ),
    ];
    const apiName = lowerFirst(call.method.className);
    const isDefault = call.grant === "refresh_token" ? " || options.grant === undefined" : "";
    return `  if (options.grant === ${json(call.grant)}${isDefault}) {
    const ${apiName} = new ${call.method.className}(options.config);
    return {
      grant: ${json(call.grant)},
      operation: ${json(call.method.name)},
      send: (${call.grant === "refresh_token" ? "current" : "_current"}, signal) => ${apiName}.${call.method.name}({ ${args.join(", ")} }, { signal }),
    };
  }`;
  });

  const authorization = flow
    ? `
/** The spec's OAuth 2 authorization code flow. */
export const authorizationFlow = ${json(flow.settings)} as const satisfies AuthorizationFlow;

export interface AuthorizationUrlOptions {
  ${flow.clientIdName}: string;
  redirect_uri?: string;
  scopes?: readonly string[];
  /** Default: a random one; check it on the redirect back. */
  state?: string;
  extraParameters?: Record<string, string>;
}

/** The URL that starts the authorization code flow, and the \`state\` to expect back with the code. */
export function authorizationUrl(options: AuthorizationUrlOptions): { url: string; state: string } {
  return buildAuthorizationUrl(authorizationFlow, {
    clientId: options.${flow.clientIdName},
    redirectUri: options.redirect_uri,
    scopes: options.scopes,
    state: options.state,
    extraParameters: options.extraParameters,
  });
}
`
    : "";

  return `${banner(model)}import {
  ${flow ? "type AuthorizationFlow, buildAuthorizationUrl, " : ""}type TokenEndpoint,
  TokenManager,
  type TokenManagerOptions,
  type TokenFieldMap,
  type TokenSet,
  type ToTokenSetOptions,
  tokenSetFromResult,
} from "@x/oauth-core";
import { ${classes.join(", ")} } from "./api.gen.js";
import type { Configuration } from "./client.gen.js";
import type { ${resultTypes.join(", ")} } from "./models.gen.js";

/** Where each TokenSet field is in a success body (the spec's \`x-sdk-token\`). */
export const tokenFields = ${json(fieldMap)} as const satisfies TokenFieldMap;

/** Provider error codes meaning the refresh token is refused: the user must authorize again. */
export const refusedRefreshCodes = ${json(refusedRefreshCodes)} as const;

/**
 * A token answer as a TokenSet. Pass \`requestedAt\` (when the request was sent) for an exact expiry, and
 * \`previous\` when renewing, to keep its refresh token if the answer brings none.
 */
export function toTokenSet(result: ${resultTypes.join(" | ")}, options?: ToTokenSetOptions): TokenSet {
  return tokenSetFromResult(result, tokenFields, options);
}
${
  credentialFields.length
    ? `
export interface ${prefix}Credentials {
${credentialsType}
}
`
    : ""
}
/** Options of createTokenManager: the API classes' \`config\`, the grant to renew with, and the manager's own. */
export type ${prefix}TokenManagerOptions = TokenManagerOptions & {
  /** The API classes' configuration (baseUrl, fetch, …), passed to them as it is. */
  config?: Configuration;
${credentialsOption}  /** Lifetime of an access token whose answer gives no expiry, in ms (never "does not expire"). */
  defaultLifetimeMs?: number;
} & (${grantOptions.join(" | ")});

/**
 * A TokenManager for this provider: it renews with ${grants.map((call) => `\`${call.method.name}\` (${call.grant})`).join(" or ")}.
 * Call \`setTokenSet(toTokenSet(…))\` after the code exchange; \`getAccessToken()\` before each API call.
 */
export function createTokenManager(options: ${prefix}TokenManagerOptions): TokenManager {
  const endpoint = { provider: ${json(model.providerId)}, fields: tokenFields, refusedCodes: refusedRefreshCodes };
  return new TokenManager({ ...endpoint, defaultLifetimeMs: options.defaultLifetimeMs, ...grantCall(options) }, options);
}

/** The method that renews the token set for the chosen grant. */
function grantCall(options: ${prefix}TokenManagerOptions): Pick<TokenEndpoint, "grant" | "operation" | "send"> {
${requestCases.join("\n")}
  throw new TypeError(\`${model.packageName} has no \${String(options.grant)} grant\`);
}
${authorization}`;
}

function tokenExtension(spec: SpecDocument, method: MethodModel): TokenExtension | undefined {
  const operation = spec.document.paths?.[method.path]?.[method.httpMethod.toLowerCase()] as
    | Operation
    | undefined;
  for (const status of method.successStatuses) {
    const response = operation?.responses?.[String(status)];
    if (!response) continue;
    const resolved = spec.resolve(response, method.place) as { "x-sdk-token"?: TokenExtension };
    const extension = resolved["x-sdk-token"];
    if (extension === undefined) continue;
    if (typeof extension.accessToken !== "string") {
      spec.fail(`${method.place}/responses/${status}/x-sdk-token`, "needs accessToken (a dotted path)");
    }
    return extension;
  }
  return undefined;
}

/** The method (and its fields) that sends `grant`: by its grant_type default, discriminator or enum. */
function grantCall(methods: MethodModel[], grant: GrantCall["grant"]): GrantCall | undefined {
  for (const method of methods) {
    const variants = method.overloads?.map((o) => o.variant) ?? method.bodyVariants;
    const sends = (fields: FieldModel[]) =>
      fields
        .find((f) => f.name === "grant_type")
        ?.type.split(" | ")
        .includes(json(grant));
    if (method.defaults.grant_type === grant && method.query.length)
      return { grant, method, fields: method.query };
    const variant = variants.find((v) => v.discriminator?.value === grant || sends(v.fields));
    if (variant) return { grant, method, fields: variant.fields };
  }
  return undefined;
}

function requires(call: GrantCall, name: string): boolean {
  return call.fields.some((f) => f.name === name && f.required);
}

function uniqueFields(fields: FieldModel[]): FieldModel[] {
  return [...new Map(fields.map((f) => [f.name, f])).values()].sort((a, b) => a.name.localeCompare(b.name));
}

function authorizationFlow(spec: SpecDocument) {
  for (const [name, scheme] of Object.entries(spec.document.components?.securitySchemes ?? {})) {
    const flow = (scheme as { flows?: { authorizationCode?: Record<string, unknown> } }).flows
      ?.authorizationCode;
    if (!flow) continue;
    const place = pointer("components", "securitySchemes", name, "flows", "authorizationCode");
    if (typeof flow.authorizationUrl !== "string") spec.fail(place, "needs authorizationUrl");
    const extension = (flow["x-sdk-authorization"] ?? {}) as AuthorizationExtension;
    const settings = {
      authorizationUrl: flow.authorizationUrl,
      ...(extension.parameterNames ? { parameterNames: extension.parameterNames } : {}),
      ...(extension.scopeSeparator ? { scopeSeparator: extension.scopeSeparator } : {}),
      ...(extension.fixedParameters ? { fixedParameters: extension.fixedParameters } : {}),
    };
    return { settings, clientIdName: extension.parameterNames?.client_id ?? "client_id" };
  }
  return undefined;
}

/** The provider id as a type-name prefix: `douyin` → `Douyin`, `my-provider-2` → `MyProvider2`. */
function pascalProvider(model: SdkModel): string {
  return model.providerId
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
