import { pkceChallenge } from "./pkce.js";

/** The start of the authorization code flow, from the spec's OAuth 2 `authorizationCode` flow. */
export interface AuthorizationFlow {
  authorizationUrl: string;
  /** Query parameter names the provider uses instead of RFC 6749's (Douyin: `client_id` → `client_key`). */
  parameterNames?: Partial<
    Record<"client_id" | "redirect_uri" | "scope" | "state" | "response_type", string>
  >;
  /** Default " " (RFC 6749 §3.3). */
  scopeSeparator?: string;
  /** Fixed parameters the provider wants, e.g. Avito's `pro_users_flow`. */
  fixedParameters?: Record<string, string>;
  /** The provider takes a PKCE challenge (RFC 7636, S256). */
  pkce?: boolean;
}

export interface AuthorizationUrlInput {
  clientId: string;
  redirectUri?: string | undefined;
  scopes?: readonly string[] | undefined;
  /** Default: 32 random hex characters. At least 16 characters when given. */
  state?: string | undefined;
  /** Added as they are; a name the URL sets itself is refused. */
  extraParameters?: Record<string, string> | undefined;
  /** The authorize page to send the user to instead of the provider's (e.g. a sandbox's). */
  authorizationEndpoint?: string | undefined;
  /** A PKCE S256 challenge to send (from `pkceChallenge`). */
  codeChallenge?: string | undefined;
}

/** The shortest `state` accepted: 16 characters, so a forged callback cannot guess it. */
export const MIN_STATE_LENGTH = 16;

/** The URL to send the user to, and the state to check on the redirect back. */
export function buildAuthorizationUrl(
  flow: AuthorizationFlow,
  input: AuthorizationUrlInput,
): { url: string; state: string } {
  const name = (standard: keyof NonNullable<AuthorizationFlow["parameterNames"]>) =>
    flow.parameterNames?.[standard] ?? standard;
  if (input.state !== undefined && (typeof input.state !== "string" || input.state.length < MIN_STATE_LENGTH))
    throw new TypeError(
      `state must be at least ${MIN_STATE_LENGTH} characters (leave it out for a random one)`,
    );
  const state = input.state ?? randomState();
  const url = new URL(endpoint(flow, input.authorizationEndpoint));
  // Every name this URL sets itself: extraParameters may add to them, never replace one.
  const reserved = new Set([
    ...(["response_type", "client_id", "redirect_uri", "scope", "state"] as const).map(name),
    "code_challenge",
    "code_challenge_method",
    ...Object.keys(flow.fixedParameters ?? {}),
  ]);
  for (const key of Object.keys(input.extraParameters ?? {}))
    if (reserved.has(key))
      throw new TypeError(`extraParameters must not set "${key}": the URL sets it itself`);
  url.searchParams.set(name("response_type"), "code");
  url.searchParams.set(name("client_id"), input.clientId);
  if (input.redirectUri !== undefined) url.searchParams.set(name("redirect_uri"), input.redirectUri);
  if (input.scopes?.length)
    url.searchParams.set(name("scope"), input.scopes.join(flow.scopeSeparator ?? " "));
  url.searchParams.set(name("state"), state);
  if (input.codeChallenge !== undefined) {
    url.searchParams.set("code_challenge", input.codeChallenge);
    url.searchParams.set("code_challenge_method", "S256");
  }
  for (const [key, value] of Object.entries({ ...flow.fixedParameters, ...input.extraParameters })) {
    url.searchParams.set(key, value);
  }
  return { url: url.toString(), state };
}

function endpoint(flow: AuthorizationFlow, override: string | undefined): string {
  if (override === undefined) return flow.authorizationUrl;
  if (typeof override !== "string" || !/^https?:\/\/[^/]/i.test(override))
    throw new TypeError("authorizationEndpoint must be an absolute http(s) URL");
  return override;
}

/** The options of a package's `authorizationUrl`; the client id is named as the flow's authorize page names it. */
export interface AuthorizationUrlOptionsBase {
  redirect_uri?: string;
  scopes?: readonly string[];
  /** Default: a random one; check it on the redirect back (`parseCallback`). At least 16 characters. */
  state?: string;
  /** More query parameters; the ones the URL sets itself (client id, state, scope…) are refused. */
  extraParameters?: Record<string, string>;
  /** The authorize page to use instead of the provider's, e.g. a sandbox's `authorizationEndpoints[provider]`. */
  authorizationEndpoint?: string;
}

/** What `authorizationUrl` gives: the URL, the state to expect back, and with PKCE the verifier to exchange with. */
export interface AuthorizationRequest {
  url: string;
  state: string;
}

/** buildAuthorizationUrl from a package's options: `client_id`, or the provider's name for it (`client_key`). */
export function authorizationUrlFromOptions(
  flow: AuthorizationFlow,
  options: AuthorizationUrlOptionsBase,
  codeChallenge?: string,
): AuthorizationRequest {
  const clientId = (options as Readonly<Record<string, unknown>>)[
    flow.parameterNames?.client_id ?? "client_id"
  ];
  if (typeof clientId !== "string" || clientId === "")
    throw new TypeError(`${flow.parameterNames?.client_id ?? "client_id"} is required`);
  return buildAuthorizationUrl(flow, {
    clientId,
    redirectUri: options.redirect_uri,
    scopes: options.scopes,
    state: options.state,
    extraParameters: options.extraParameters,
    authorizationEndpoint: options.authorizationEndpoint,
    codeChallenge,
  });
}

/** As authorizationUrlFromOptions, with a fresh PKCE verifier whose S256 challenge the URL carries. */
export async function pkceAuthorizationUrlFromOptions(
  flow: AuthorizationFlow,
  options: AuthorizationUrlOptionsBase,
): Promise<AuthorizationRequest & { codeVerifier: string }> {
  const { codeVerifier, codeChallenge } = await pkceChallenge();
  return { ...authorizationUrlFromOptions(flow, options, codeChallenge), codeVerifier };
}

function randomState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
