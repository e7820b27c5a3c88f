// Types of grants.mjs (plain ESM, so every runtime of the matrix runs it as it is).
export interface FieldDescription {
  name: string;
  required: boolean;
  /** Its OAuth role (client_id, client_secret, grant_type, code, redirect_uri, refresh_token, scope, …). */
  role?: string;
}

export interface GrantDescription {
  className: string;
  method: string;
  /** The name the sandbox counts its requests under. */
  countName: string;
  fields: FieldDescription[];
  /** The grant_type to pass; absent when the method fills it in. */
  grantType?: string;
}

export interface ProviderDescription {
  id: string;
  packageName: string;
  errorClass: string;
  /** The client authenticates with HTTP Basic (the API classes' clientId/clientSecret). */
  basic: boolean;
  /** The client id's name on the authorize page, for providers with an authorization code flow. */
  clientIdName?: string;
  /** A token set tells when its refresh token expires (a lifetime in the spec or in the answer). */
  refreshTokenExpiry: boolean;
  /** A scope the spec declares, for a grant that requires one. */
  scope?: string;
  /** Errors come inside a success status (the spec's x-sdk-error-in-body). */
  errorInBody: boolean;
  grants: Partial<Record<"authorization_code" | "refresh_token" | "client_credentials", GrantDescription>>;
}

export interface Client {
  clientId: string;
  clientSecret: string;
}

type Grant = keyof ProviderDescription["grants"];
type Package = Record<string, unknown>;

export function grantParams(
  provider: ProviderDescription,
  grant: Grant,
  client: Client,
  values?: Record<string, unknown>,
): Record<string, unknown>;
export function apiConfig<T extends object>(provider: ProviderDescription, client: Client, config: T): T;
export function sendGrant(
  pkg: Package,
  provider: ProviderDescription,
  grant: Grant,
  config: object,
  params: Record<string, unknown>,
): Promise<unknown>;
export function managerOptions(
  provider: ProviderDescription,
  client: Client,
  config: object,
  grant?: Grant,
): Record<string, unknown>;
