// Renders a provider README's "Connect a user" section from the spec: the whole flow (authorizationUrl → consent
// page → parseCallback → code exchange → createTokenManager with a FileTokenStore → getAccessToken / invalidate)
// as one block that runs against the local sandbox in the README gate, then what each step takes and gives.
import type { AuthorizationFlowModel, GrantCallModel, SdkMethodModel, SpecModel } from "@x/spec-model";
import { code } from "./markdown.js";
import { usesBasic } from "./type-expressions.js";

/** The section, or nothing when the spec has no code exchange to start a lifecycle with. */
export function emitLifecycleReadme(model: SpecModel): string[] {
  const exchange = model.lifecycle?.exchange;
  if (!exchange) return [];
  const { method } = exchange;
  const flow = model.provider.authorization;
  const name = providerName(model);
  return [
    "## Connect a user: the whole flow",
    "",
    flow
      ? `${code("authorizationUrl")} sends the user to ${name}'s authorize page; the redirect back to your ${code("redirect_uri")} goes through ${code("parseCallback")}; the code is exchanged; ${code("createTokenManager")} keeps the token set fresh in a store and hands out a valid access token before each API call.`
      : `The spec declares no authorization code flow, so the code comes from your own redirect handling (here from the sandbox); it is exchanged, and ${code("createTokenManager")} keeps the token set fresh in a store and hands out a valid access token before each API call.`,
    `The block runs as it stands against the local sandbox${flow ? ", whose consent page stands in for the provider's" : ""}: against ${name}, leave out ${flow ? `${code("authorizationEndpoint")}, ` : ""}${code("baseUrl")} and ${code("now")}${flow ? ", and parse the URL of the request that reached your redirect URI" : ""}.`,
    "",
    "```ts",
    ...flowExample(model, method, exchange, flow),
    "```",
    "",
    ...(flow ? authorizationNotes(model, flow) : []),
    `- ${code("createTokenManager(options)")}: ${code("credentials")} (as the methods name them)${usesBasic(model) ? ` or, for HTTP Basic, ${code("config.clientId")}/${code("config.clientSecret")}` : ""}, ${code("config")} (the API classes' configuration, e.g. ${code("baseUrl")}), ${code("store")}, ${code("key")} (one token set per key, e.g. your user id), ${code("refreshMarginMs")}, ${code("refreshTimeoutMs")}, ${code("onRefreshTokenExpiring")}, ${code("onRefreshError")}, and ${code("now")}. Call ${code("setTokenSet(toTokenSet(answer, { requestedAt }))")} after the exchange, ${code("getAccessToken()")} before each API call: it refreshes ahead of expiry, once however many callers ask.`,
    `- ${code("now")}: the clock (epoch milliseconds) the manager judges expiry by; default ${code("Date.now")}. Against a sandbox whose clock is frozen or moved (${code("sandbox.clock.advance(seconds)")}, ${code("POST /_sandbox/clock")}), pass ${code("now: () => sandbox.clock.now()")} so that expiry and refreshes follow the sandbox's time.`,
    `- ${code("invalidate()")}: after a resource API answers 401 to the current access token, call ${code("manager.invalidate()")}, then ${code("getAccessToken()")} again: one refresh for every caller.`,
    `- Stores, all exported by this package: ${code('new FileTokenStore({ path: "tokens.json" })')} (one process; written atomically with mode 0600), ${code("new MemoryTokenStore()")} (tests); several instances share ${code("RedisTokenStore")} from ${code("@x/oauth-store-redis")}. A store that fails throws ${code("TokenStoreError")}.`,
    `- ${code("ReauthorizationRequiredError")}: the provider refused the refresh token (expired, revoked, spent); the stored token set is cleared and the user must ${flow ? `go through ${code("authorizationUrl")} again` : "authorize again"}.`,
    "",
  ];
}

/** The provider as its title names it: "Pinterest" of "Pinterest REST API v5 — OAuth token". */
const providerName = (model: SpecModel) => model.provider.title.split(/[\s(]/)[0] ?? model.provider.id;

function authorizationNotes(model: SpecModel, flow: AuthorizationFlowModel): string[] {
  const extras = flow.callbackParameters ?? [];
  const scopes = Object.keys(flow.scopes);
  return [
    `- ${code("authorizationUrl(options)")}: ${code(flow.clientIdName)}, ${code("redirect_uri")}, ${code("scopes")} (${scopes.length ? scopes.map(code).join(", ") : "none declared"}), ${code("state")} (at least 16 characters; default 32 random hex), ${code("extraParameters")} (a name the URL sets itself is a ${code("TypeError")}), ${code("authorizationEndpoint")} (another authorize page, e.g. ${code(`sandbox.authorizationEndpoints.${model.provider.id}`)})${flow.pkce ? `, ${code("pkce: true")} (a Promise that also gives the ${code("codeVerifier")} to send with the exchange; S256 through WebCrypto)` : ""}. Returns ${code("{ url, state }")}: keep ${code("state")} with the user's session.`,
    `- ${code("parseCallback(url, { expectedState })")}: the redirect back (a ${code("URL")}, its string or its query) → ${code(`{ code${extras.map((e) => `, ${e}?`).join("")} }`)}${extras.length ? ` (${extras.map(code).join(", ")}: what ${providerName(model)} sends back besides the code)` : ""}. The state is compared in constant time first; anything else throws ${code("AuthorizationCallbackError")} with ${code("reason")} ${["state-missing", "state-mismatch", "access-denied", "provider-error", "code-missing"].map((r) => code(`"${r}"`)).join(", ")}, the provider's ${code("error")} and a scrubbed ${code("description")}.`,
  ];
}

function flowExample(
  model: SpecModel,
  method: SdkMethodModel,
  exchange: GrantCallModel,
  flow: AuthorizationFlowModel | undefined,
): string[] {
  const id = model.provider.id;
  const pkg = model.provider.packageName;
  const clientId = `sandbox-${id}-client`;
  const clientSecret = `sandbox-${id}-secret`;
  const credentialNames = exchange.fields.filter((f) => f.name.startsWith("client_")).map((f) => f.name);
  const credentials = credentialNames.map(
    (n) => `${n}: ${JSON.stringify(n === "client_secret" ? clientSecret : clientId)}`,
  );
  const basic = usesBasic(model)
    ? [`clientId: ${JSON.stringify(clientId)}`, `clientSecret: ${JSON.stringify(clientSecret)}`]
    : [];
  const config = `{ baseUrl: sandbox.baseUrls.${id}${basic.length ? `, ${basic.join(", ")}` : ""} }`;
  const fields = exchange.fields.map((f) => f.name);
  const args = [
    ...(credentials.length ? ["...credentials"] : []),
    ...(fields.includes("grant_type") && method.defaults.grant_type === undefined
      ? ['grant_type: "authorization_code"']
      : []),
    "code",
    ...(fields.includes("redirect_uri") ? ["redirect_uri"] : []),
  ];
  const scope = Object.keys(flow?.scopes ?? {})[0];
  const imports = [method.className, "createTokenManager", "FileTokenStore", "toTokenSet"];
  if (flow) imports.push("authorizationUrl", "parseCallback");
  return [
    'import { mkdtempSync } from "node:fs";',
    'import { tmpdir } from "node:os";',
    'import { join } from "node:path";',
    `import { ${imports.sort((a, b) => a.localeCompare(b)).join(", ")} } from "${pkg}";`,
    'import { startSandbox } from "@x/oauth-sandbox";',
    "",
    "const sandbox = await startSandbox({ port: 0, clock: { frozen: true } });",
    "try {",
    ...(credentials.length
      ? [`  const credentials = { ${credentials.join(", ")} }; // the sandbox's demo client`]
      : []),
    '  const redirect_uri = "http://127.0.0.1:3000/callback"; // your app\'s; the demo client takes any loopback one',
    "",
    ...(flow
      ? [
          "  // 1. Send the user's browser to the authorize page; keep `state` in the user's session.",
          "  const { url, state } = authorizationUrl({",
          `    ${flow.clientIdName}: ${JSON.stringify(clientId)},`,
          "    redirect_uri,",
          ...(scope ? [`    scopes: [${JSON.stringify(scope)}],`] : []),
          `    authorizationEndpoint: sandbox.authorizationEndpoints.${id}, // leave out for ${providerName(model)}'s own page`,
          "  });",
          "",
          "  // 2. The user presses Allow; the browser comes back to redirect_uri (here the sandbox answers its page).",
          '  const callback = await sandbox.consent(url, "allow");',
          "  const { code } = parseCallback(callback, { expectedState: state }); // or AuthorizationCallbackError",
        ]
      : [
          "  // 1–2. Your redirect handling gets the code; here the sandbox issues one.",
          `  const { code } = await sandbox.issueCode(${JSON.stringify(id)}, { redirectUri: redirect_uri });`,
        ]),
    "",
    "  // 3. Exchange the code. Expiry counts from when the request was sent.",
    "  const requestedAt = sandbox.clock.now();",
    `  const api = new ${method.className}(${config});`,
    `  const answer = await api.${method.name}({ ${args.join(", ")} });`,
    "",
    "  // 4. One manager per token set, in a file (atomic writes, mode 0600).",
    "  const manager = createTokenManager({",
    ...(credentials.length ? ["    credentials,"] : []),
    `    config: ${config},`,
    '    store: new FileTokenStore({ path: join(mkdtempSync(join(tmpdir(), "tokens-")), "tokens.json") }),',
    '    key: "user-42",',
    "    now: () => sandbox.clock.now(), // the sandbox's clock; leave out for real time",
    "  });",
    "  await manager.setTokenSet(toTokenSet(answer, { requestedAt }));",
    "",
    "  // 5. Before each API call; after a 401 from a resource API, manager.invalidate() and ask again.",
    "  const first = await manager.getAccessToken();",
    `  sandbox.clock.advance(sandbox.lifetimes(${JSON.stringify(id)}).access + 60); // the access token has expired`,
    "  const second = await manager.getAccessToken(); // refreshed, and stored before it is handed out",
    '  console.log(second === first ? "kept, its expiry extended" : "refreshed");',
    '  console.log("access token:", second);',
    "} finally {",
    "  await sandbox.close();",
    "}",
  ];
}
