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
}

export interface AuthorizationUrlInput {
  clientId: string;
  redirectUri?: string | undefined;
  scopes?: readonly string[] | undefined;
  /** Default: 32 random hex characters. */
  state?: string | undefined;
  /** Added as they are (e.g. a PKCE `code_challenge`). */
  extraParameters?: Record<string, string> | undefined;
}

/** The URL to send the user to, and the state to check on the redirect back. */
export function buildAuthorizationUrl(
  flow: AuthorizationFlow,
  input: AuthorizationUrlInput,
): { url: string; state: string } {
  const name = (standard: keyof NonNullable<AuthorizationFlow["parameterNames"]>) =>
    flow.parameterNames?.[standard] ?? standard;
  const state = input.state ?? randomState();
  const url = new URL(flow.authorizationUrl);
  url.searchParams.set(name("response_type"), "code");
  url.searchParams.set(name("client_id"), input.clientId);
  if (input.redirectUri !== undefined) url.searchParams.set(name("redirect_uri"), input.redirectUri);
  if (input.scopes?.length)
    url.searchParams.set(name("scope"), input.scopes.join(flow.scopeSeparator ?? " "));
  url.searchParams.set(name("state"), state);
  for (const [key, value] of Object.entries({ ...flow.fixedParameters, ...input.extraParameters })) {
    url.searchParams.set(key, value);
  }
  return { url: url.toString(), state };
}

/** The options of a package's `authorizationUrl`; the client id is named as the flow's authorize page names it. */
export interface AuthorizationUrlOptionsBase {
  redirect_uri?: string;
  scopes?: readonly string[];
  /** Default: a random one; check it on the redirect back. */
  state?: string;
  extraParameters?: Record<string, string>;
}

/** buildAuthorizationUrl from a package's options: `client_id`, or the provider's name for it (`client_key`). */
export function authorizationUrlFromOptions(
  flow: AuthorizationFlow,
  options: AuthorizationUrlOptionsBase,
): { url: string; state: string } {
  const clientId = (options as Readonly<Record<string, unknown>>)[
    flow.parameterNames?.client_id ?? "client_id"
  ];
  return buildAuthorizationUrl(flow, {
    clientId: String(clientId),
    redirectUri: options.redirect_uri,
    scopes: options.scopes,
    state: options.state,
    extraParameters: options.extraParameters,
  });
}

function randomState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
