// What a user of each provider package installs and writes: the install must hold exactly the package and
// its runtime dependencies, and a small strict-TypeScript program gets a token from the sandbox with it.
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

/** The runtime of every provider package: the shared core and openapi-fetch. */
const providerRuntime = ["@x/oauth-core", "openapi-fetch", "openapi-typescript-helpers"];

// The sandbox's documented demo clients.
const demoClient = (provider: SandboxProvider) => ({
  clientId: `sandbox-${provider}-client`,
  clientSecret: `sandbox-${provider}-secret`,
});

const redirectUri = "http://localhost:8080/callback";

export const providerCases: ProviderCase[] = [
  {
    packageName: "@x/criteo-oauth",
    sandboxId: "criteo",
    exports: ["OAuthApi", "CriteoOAuthError", "createCriteoClient"],
    runtime: providerRuntime,
    consumer: `import { CriteoOAuthError, OAuthApi } from "@x/criteo-oauth";

export interface Input {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

export async function getToken(input: Input): Promise<string> {
  const api = new OAuthApi({ baseUrl: input.baseUrl });
  try {
    const token = await api.getToken({
      grant_type: "client_credentials",
      client_id: input.clientId,
      client_secret: input.clientSecret,
    });
    if (!token.access_token) throw new Error("no access_token in the answer");
    return token.access_token;
  } catch (error) {
    if (error instanceof CriteoOAuthError) throw new Error(\`Criteo said \${error.status}: \${error.code}\`);
    throw error;
  }
}
`,
    async prepare(sandbox) {
      return { baseUrl: `${sandbox.url}/criteo`, ...demoClient("criteo") };
    },
  },
  {
    packageName: "@x/douyin-oauth",
    sandboxId: "douyin",
    exports: ["DefaultApi", "DouyinOAuthError", "createDouyinClient"],
    runtime: providerRuntime,
    consumer: `import { DefaultApi, DouyinOAuthError, type InlineResponse200 } from "@x/douyin-oauth";

export interface Input {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  code: string;
}

export async function getToken(input: Input): Promise<string> {
  const api = new DefaultApi({ baseUrl: input.baseUrl });
  try {
    const answer: InlineResponse200 = await api.oauthAccessTokenGet({
      client_key: input.clientId,
      client_secret: input.clientSecret,
      code: input.code,
    });
    const token = answer.data?.access_token;
    if (!token) throw new Error("no access_token in the answer");
    return token;
  } catch (error) {
    if (error instanceof DouyinOAuthError) throw new Error(\`Douyin said \${error.status}: \${error.code}\`);
    throw error;
  }
}
`,
    async prepare(sandbox) {
      const client = demoClient("douyin");
      const code = await sandbox.issueCode("douyin", { client_key: client.clientId });
      return { baseUrl: `${sandbox.url}/douyin`, ...client, code };
    },
  },
  {
    packageName: "@x/avito-auth",
    sandboxId: "avito",
    exports: ["ApplicationAccessApi", "AccessApi", "AvitoAuthError", "createAvitoClient"],
    runtime: providerRuntime,
    consumer: `import { ApplicationAccessApi, AvitoAuthError } from "@x/avito-auth";

export interface Input {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  code: string;
}

export async function getToken(input: Input): Promise<string> {
  const api = new ApplicationAccessApi({ baseUrl: input.baseUrl });
  try {
    const answer = await api.getAccessTokenAuthorizationCode({
      client_id: input.clientId,
      client_secret: input.clientSecret,
      code: input.code,
    });
    if (!answer.access_token) throw new Error("no access_token in the answer");
    return answer.access_token;
  } catch (error) {
    if (error instanceof AvitoAuthError) throw new Error(\`Avito said \${error.status}: \${error.code}\`);
    throw error;
  }
}
`,
    async prepare(sandbox) {
      const client = demoClient("avito");
      const code = await sandbox.issueCode("avito", { client_id: client.clientId });
      return { baseUrl: `${sandbox.url}/avito`, ...client, code };
    },
  },
  {
    packageName: "@x/pinterest-oauth",
    sandboxId: "pinterest",
    exports: ["OauthApi", "PinterestOAuthError", "createPinterestClient"],
    runtime: providerRuntime,
    consumer: `import { OauthApi, PinterestOAuthError } from "@x/pinterest-oauth";

export interface Input {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  code: string;
  redirectUri: string;
}

export async function getToken(input: Input): Promise<string> {
  const api = new OauthApi({ baseUrl: input.baseUrl, clientId: input.clientId, clientSecret: input.clientSecret });
  try {
    const answer = await api.oauthToken({
      grant_type: "authorization_code",
      code: input.code,
      redirect_uri: input.redirectUri,
    });
    if (!answer.access_token) throw new Error("no access_token in the answer");
    return answer.access_token;
  } catch (error) {
    if (error instanceof PinterestOAuthError) throw new Error(\`Pinterest said \${error.status}: \${error.code}\`);
    throw error;
  }
}
`,
    async prepare(sandbox) {
      const client = demoClient("pinterest");
      const code = await sandbox.issueCode("pinterest", {
        client_id: client.clientId,
        redirect_uri: redirectUri,
      });
      return { baseUrl: `${sandbox.url}/pinterest`, ...client, code, redirectUri };
    },
  },
];
