// What an API class holds for its calls: the configuration, checked once at construction and read from own
// properties only, with the spec's server, the provider's error class and the serializers its operations need.
import type { OAuthApiError, OAuthApiErrorClass } from "./errors.js";
import { inBodyError } from "./in-body.js";
import { checkedLimits, isPlainObject, own } from "./options.js";
import { overloadResultShape } from "./overloads.js";
import { type PathSerializer, placeFields, type QuerySerializer } from "./parameters.js";
import type { BasicClientConfig, CallLimits, ClientConfig } from "./types.js";

export type { PathSerializer, QuerySerializer };
/** A request body's serializer (`formBody` for a form), per media type. */
export type BodySerializer = (body: Record<string, unknown>) => { toString(): string };

/** The checked configuration shared by the API classes and the low-level client. */
export interface CheckedConfig extends CallLimits {
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly fetch: typeof fetch | undefined;
}

/**
 * The configuration's own fields, checked: `baseUrl` (default: the spec's server, required without one) an absolute http(s) URL, and the
 * limits (see checkedLimits). Throws a TypeError naming the option.
 */
export function checkedConfig(config: ClientConfig, defaultBaseUrl: string | undefined): CheckedConfig {
  if (!isPlainObject(config)) throw new TypeError("the configuration must be a plain object");
  const baseUrl = own(config, "baseUrl") ?? defaultBaseUrl;
  if (baseUrl === undefined) throw new TypeError("baseUrl is required (the spec names no server)");
  if (!/^https?:\/\/[^/]/i.test(baseUrl) || !URL.canParse(baseUrl))
    throw new TypeError("baseUrl must be an absolute http(s) URL");
  return {
    ...checkedLimits(config),
    // As openapi-fetch's createClient does: the operations' paths start with "/".
    baseUrl: baseUrl.replace(/\/$/, ""),
    headers: own(config, "headers"),
    fetch: own(config, "fetch"),
  };
}

/** What the generated API class passes besides the configuration. */
export interface CallContextInit<TError extends OAuthApiError> {
  /** The spec's server, used when no `baseUrl` is configured; undefined when the spec names none. */
  readonly baseUrl: string | undefined;
  readonly errorClass: OAuthApiErrorClass<TError>;
  /**
   * The client authentication headers of a configuration (`basicAuthorization`), sent where an operation's
   * security asks for them; called once, after the configuration was checked.
   */
  readonly auth?: (config: BasicClientConfig) => Readonly<Record<string, string>>;
  readonly querySerializer?: QuerySerializer;
  readonly pathSerializer?: PathSerializer;
  /** Per media type of the operations' request bodies, its serializer; each package imports only the ones it uses. */
  readonly bodySerializers?: Readonly<Record<string, BodySerializer>>;
  /**
   * Query, header and path parameters (`placeFields`, or `placeQuery` for scalar query parameters only), for a spec
   * that has any: without it every field goes in the body and the URL is baseUrl + path.
   */
  readonly place?: typeof placeFields;
  /** Errors reported inside a success body (`inBodyError`), for a spec whose operations have such a rule. */
  readonly inBody?: typeof inBodyError;
  /** An overload's own result shape (`overloadResultShape`), for a spec whose overloads have their own success models. */
  readonly overloadResult?: typeof overloadResultShape;
}

/** Everything an API class's calls share; made once, at construction, by callContext. */
export interface CallContext<TError extends OAuthApiError = OAuthApiError>
  extends CheckedConfig,
    Omit<CallContextInit<TError>, "baseUrl" | "auth"> {
  /** The client authentication headers, for the operations whose security asks for them. */
  readonly auth: Readonly<Record<string, string>> | undefined;
  /** The configured client secret: scrubbed from whatever a server sends back. */
  readonly clientSecret: string | undefined;
}

/**
 * The context of a generated API class's calls, from its configuration: the optional parts of the call (`place`,
 * `inBody`, `overloadResult`) are the ones the class passes, so a package bundles only what its spec uses. Throws a
 * TypeError naming a bad option.
 */
export function apiContext<TError extends OAuthApiError>(
  config: BasicClientConfig,
  init: CallContextInit<TError>,
): CallContext<TError> {
  const checked = checkedConfig(config, init.baseUrl);
  return { ...init, ...checked, auth: init.auth?.(config), clientSecret: own(config, "clientSecret") };
}

/** The context for calls of any table entry: apiContext with every optional part of the call. */
export function callContext<TError extends OAuthApiError>(
  config: BasicClientConfig,
  init: CallContextInit<TError>,
): CallContext<TError> {
  return apiContext(config, {
    place: placeFields,
    inBody: inBodyError,
    overloadResult: overloadResultShape,
    ...init,
  });
}
