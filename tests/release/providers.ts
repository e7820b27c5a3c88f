// What a user of each provider package installs and writes: the install must hold exactly the package and
// its runtime dependencies, and a small strict-TypeScript program gets a token from the sandbox with it.
// Each case is derived from the provider's spec model: its classes and names, the grant a user starts with
// (the code exchange where the spec declares an authorization code flow, else client credentials), that
// method's required fields, and where the access token sits in its answer (`x-sdk-token`).
import path from "node:path";
import { type GrantCallModel, listSpecs, loadSpecModel, type SpecModel } from "@x/spec-model";
import { repoRoot } from "../../scripts/repo.js";
import type { SandboxInfo, SandboxProvider } from "./sandbox.js";

export interface ProviderCase {
  packageName: string;
  sandboxId: SandboxProvider;
  /** Names the package must export (ESM and CJS alike). */
  exports: string[];
  /** Everything else an install brings, by name. */
  runtime: string[];
  /** TypeScript source of a module exporting `getToken(input): Promise<string>`. */
  consumer: string;
  /** The input for getToken: base URL, demo client, and a fresh code where the grant needs one. */
  prepare(sandbox: SandboxInfo): Promise<Record<string, string>>;
}

/** The runtime of every provider package: the shared core (with FileTokenStore's proper-lockfile) and openapi-fetch. */
const providerRuntime = [
  "@x/oauth-core",
  "graceful-fs",
  "openapi-fetch",
  "openapi-typescript-helpers",
  "proper-lockfile",
  "retry",
  "signal-exit",
];

const redirectUri = "http://localhost:8080/callback";

/** The program's input fields, and the request fields each one fills (besides the client id's own name). */
const INPUT_FIELDS = { clientSecret: "client_secret", code: "code", redirectUri: "redirect_uri" } as const;

export const providerCases: ProviderCase[] = listSpecs(path.join(repoRoot, "specs")).map(({ id, file }) =>
  providerCase(loadSpecModel(file, { providerId: id })),
);

function providerCase(model: SpecModel): ProviderCase {
  const { provider, lifecycle } = model;
  const call = provider.authorization
    ? lifecycle?.exchange
    : lifecycle?.renewals.find((renewal) => renewal.grant === "client_credentials");
  if (!lifecycle || !call)
    throw new Error(`${provider.id}: the spec has no code exchange or client_credentials call to try`);
  const clientIdName = provider.authorization?.clientIdName ?? "client_id";
  const inputOf = (name: string) =>
    name === clientIdName
      ? "clientId"
      : Object.entries(INPUT_FIELDS).find(([, field]) => field === name)?.[0];
  const method = call.method;
  const sent = call.fields.filter((field) => field.required && !(field.name in method.defaults));
  const request = sent.map((field) => {
    if (field.name === "grant_type") return `      grant_type: ${JSON.stringify(call.grant)},`;
    const input = inputOf(field.name);
    if (!input) throw new Error(`${provider.id}: no input for the required field ${field.name}`);
    return `      ${field.name}: input.${input},`;
  });
  const inputs = ["clientId", "clientSecret", ...sent.flatMap((field) => inputOf(field.name) ?? [])];
  const basic = method.operation.clientAuthentication.includes("client_secret_basic");
  // "data.access_token" → answer.data?.access_token
  const accessToken = `answer.${lifecycle.token.fields.accessToken.split(".").join("?.")}`;
  const consumer = `import { ${method.className}, ${provider.errorClass} } from "${provider.packageName}";

export interface Input {
  baseUrl: string;
${[...new Set(inputs)].map((name) => `  ${name}: string;`).join("\n")}
}

export async function getToken(input: Input): Promise<string> {
  const api = new ${method.className}({ baseUrl: input.baseUrl${basic ? ", clientId: input.clientId, clientSecret: input.clientSecret" : ""} });
  try {
    const answer = await api.${method.name}({
${request.join("\n")}
    });
    const token = ${accessToken};
    if (!token) throw new Error("no access_token in the answer");
    return token;
  } catch (error) {
    if (error instanceof ${provider.errorClass}) throw new Error(\`${provider.id} said \${error.status}: \${error.code}\`);
    throw error;
  }
}
`;
  return {
    packageName: provider.packageName,
    sandboxId: provider.id,
    exports: [
      ...model.classes.map((cls) => cls.name),
      provider.errorClass,
      provider.clientFactory,
      "toTokenSet",
      "createTokenManager",
      ...(provider.authorization ? ["authorizationUrl"] : []),
    ],
    runtime: providerRuntime,
    consumer,
    prepare: (sandbox) => prepare(sandbox, provider.id, call, clientIdName),
  };
}

/** The demo client (the sandbox's documented one) and, for a code exchange, a fresh code issued to it. */
async function prepare(
  sandbox: SandboxInfo,
  id: SandboxProvider,
  call: GrantCallModel,
  clientIdName: string,
): Promise<Record<string, string>> {
  const input = {
    baseUrl: `${sandbox.url}/${id}`,
    clientId: `sandbox-${id}-client`,
    clientSecret: `sandbox-${id}-secret`,
  };
  if (call.grant !== "authorization_code") return input;
  // A code is bound to the redirect_uri only where the exchange must repeat it.
  const bound = call.fields.some((field) => field.name === "redirect_uri" && field.required);
  const code = await sandbox.issueCode(id, {
    [clientIdName]: input.clientId,
    ...(bound ? { redirect_uri: redirectUri } : {}),
  });
  return { ...input, code, ...(bound ? { redirectUri } : {}) };
}
