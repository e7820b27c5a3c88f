// A provider's token requests made from its description (tests/provider-specs.ts builds it from the spec): plain
// ESM, so the lifecycle tests and every runtime of the matrix share it.

/** The credentials a client authenticates with in a request: none in the body for an HTTP Basic client. */
function credentialValues(provider, client) {
  return provider.basic ? {} : { client_id: client.clientId, client_secret: client.clientSecret };
}

/** The parameters of one grant's request: each field by its role, those without a value left out. */
export function grantParams(provider, grant, client, values = {}) {
  const call = provider.grants[grant];
  if (!call) throw new Error(`${provider.id} has no ${grant} grant`);
  const byRole = { ...credentialValues(provider, client), grant_type: call.grantType, ...values };
  return Object.fromEntries(
    call.fields.flatMap(({ name, role }) =>
      role !== undefined && byRole[role] !== undefined ? [[name, byRole[role]]] : [],
    ),
  );
}

/** The config of the package's API classes: an HTTP Basic client's credentials go there. */
export function apiConfig(provider, client, config) {
  return provider.basic
    ? { ...config, clientId: client.clientId, clientSecret: client.clientSecret }
    : config;
}

/** Sends one grant with the package's own method. */
export function sendGrant(pkg, provider, grant, config, params) {
  const call = provider.grants[grant];
  return new pkg[call.className](config)[call.method](params);
}

/** createTokenManager's options besides the manager's own: the API config, and credentials as the methods name them. */
export function managerOptions(provider, client, config, grant) {
  const named = Object.values(provider.grants).flatMap((call) => call.fields);
  const credentials = Object.fromEntries(
    Object.entries(credentialValues(provider, client)).flatMap(([role, value]) => {
      const field = named.find((candidate) => candidate.role === role);
      return field ? [[field.name, value]] : [];
    }),
  );
  const scoped =
    grant && provider.grants[grant]?.fields.some((field) => field.role === "scope" && field.required);
  return {
    config: apiConfig(provider, client, config),
    ...(provider.basic ? {} : { credentials }),
    ...(grant ? { grant } : {}),
    ...(scoped ? { scope: provider.scope } : {}),
  };
}
