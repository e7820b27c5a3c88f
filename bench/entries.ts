// The bundle entries measured by the size budget and `pnpm bench`: each provider package as an application uses it
// (import the API class, call one method), and the two anchors built the same way (a plain fetch, bare openapi-fetch).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { repoRoot } from "../scripts/repo.js";

export { repoRoot };

export interface BundleEntry {
  /** Name in tables and JSON: the npm name of a provider package, or the anchor's name. */
  readonly name: string;
  /** A provider package is held to the size budget; an anchor is measured for comparison only. */
  readonly kind: "provider" | "anchor";
  /** The spec (specs/<provider>.yaml) whose token endpoint the entry calls. */
  readonly provider: string;
  /**
   * Module source of the entry: one token request to `baseUrl` (the package's default when absent), whose
   * access_token is passed to the function expression `report` (console.log by default).
   */
  source(baseUrl?: string, report?: string): string;
}

const config = (baseUrl: string | undefined, extra = "") =>
  baseUrl === undefined
    ? extra
      ? `{ ${extra} }`
      : ""
    : `{ baseUrl: ${JSON.stringify(baseUrl)}${extra ? `, ${extra}` : ""} }`;

/** One call per provider package; every provider package under packages/ must be listed (see providerPackages). */
export const providerEntries: readonly BundleEntry[] = [
  {
    name: "@x/douyin-oauth",
    kind: "provider",
    provider: "douyin",
    source: (baseUrl, report = "console.log") => `import { DefaultApi } from "@x/douyin-oauth";
new DefaultApi(${config(baseUrl)})
  .oauthAccessTokenGet({ client_key: "bench-client", client_secret: "bench-secret", code: "bench-code" })
  .then((token) => ${report}(token.data.access_token));
`,
  },
  {
    name: "@x/avito-auth",
    kind: "provider",
    provider: "avito",
    source: (baseUrl, report = "console.log") => `import { AccessApi } from "@x/avito-auth";
new AccessApi(${config(baseUrl)})
  .getAccessToken({ client_id: "bench-client", client_secret: "bench-secret" })
  .then((token) => ${report}(token.access_token));
`,
  },
  {
    name: "@x/pinterest-oauth",
    kind: "provider",
    provider: "pinterest",
    source: (baseUrl, report = "console.log") => `import { OauthApi } from "@x/pinterest-oauth";
new OauthApi(${config(baseUrl, 'clientId: "bench-client", clientSecret: "bench-secret"')})
  .oauthToken({ grant_type: "client_credentials", scope: "ads:read" })
  .then((token) => ${report}(token.access_token));
`,
  },
  {
    name: "@x/criteo-oauth",
    kind: "provider",
    provider: "criteo",
    source: (baseUrl, report = "console.log") => `import { OAuthApi } from "@x/criteo-oauth";
new OAuthApi(${config(baseUrl)})
  .getToken({ grant_type: "client_credentials", client_id: "bench-client", client_secret: "bench-secret" })
  .then((token) => ${report}(token.access_token));
`,
  },
];

/** The floor: the same token request with nothing but fetch. */
export const plainFetchEntry: BundleEntry = {
  name: "plain fetch",
  kind: "anchor",
  provider: "criteo",
  source: (
    baseUrl = "https://api.criteo.com",
    report = "console.log",
  ) => `fetch(${JSON.stringify(`${baseUrl}/oauth2/token`)}, {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ grant_type: "client_credentials", client_id: "bench-client", client_secret: "bench-secret" }),
})
  .then((response) => response.json())
  .then((token) => ${report}(token.access_token));
`,
};

/** Bare openapi-fetch making the same request, with the form serializer a caller has to write. */
export const bareOpenapiFetchEntry: BundleEntry = {
  name: "openapi-fetch",
  kind: "anchor",
  provider: "criteo",
  source: (
    baseUrl = "https://api.criteo.com",
    report = "console.log",
  ) => `import createClient from "openapi-fetch";
createClient({ baseUrl: ${JSON.stringify(baseUrl)} })
  .POST("/oauth2/token", {
    body: { grant_type: "client_credentials", client_id: "bench-client", client_secret: "bench-secret" },
    bodySerializer: (body) => new URLSearchParams(body).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  })
  .then(({ data }) => ${report}(data.access_token));
`,
};

export const allEntries: readonly BundleEntry[] = [
  ...providerEntries,
  plainFetchEntry,
  bareOpenapiFetchEntry,
];

/** npm names of the provider packages: one per spec, as its `info.x-sdk.package` says. */
export function providerPackages(): string[] {
  const specsDir = join(repoRoot, "specs");
  return readdirSync(specsDir)
    .filter((file) => file.endsWith(".yaml"))
    .sort()
    .map((file) => {
      const spec = parse(readFileSync(join(specsDir, file), "utf8")) as {
        info?: { "x-sdk"?: { package?: string } };
      };
      const name = spec.info?.["x-sdk"]?.package;
      if (!name) throw new Error(`specs/${file} has no info.x-sdk.package`);
      return name;
    });
}
