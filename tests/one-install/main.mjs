// The whole lifecycle from @x/avito-auth alone, in a project whose package.json names nothing else: authorize
// (the sandbox's consent page, answered over HTTP), parseCallback, the code exchange, a token manager over a
// FileTokenStore, a refresh after the sandbox's clock moves on. Prints one JSON line for the test to read.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ApplicationAccessApi,
  AuthorizationCallbackError,
  authorizationUrl,
  createTokenManager,
  FileTokenStore,
  MemoryTokenStore,
  parseCallback,
  ReauthorizationRequiredError,
  TokenStoreError,
  toTokenSet,
} from "@x/avito-auth";

const sandbox = process.argv[2];
const credentials = { client_id: "sandbox-avito-client", client_secret: "sandbox-avito-secret" };
const redirect_uri = "http://127.0.0.1:9/callback";

const { url, state } = authorizationUrl({
  client_id: credentials.client_id,
  redirect_uri,
  scopes: ["messenger:read"],
  authorizationEndpoint: `${sandbox}/avito/_sandbox/authorize`,
});
// What a browser does on the consent page: open it, press Allow; the Location is the redirect back.
const consent = /name="consent" value="([^"]+)"/.exec(await (await fetch(url)).text())?.[1] ?? "";
const allowed = await fetch(url, {
  method: "POST",
  redirect: "manual",
  body: new URLSearchParams({ consent, decision: "allow" }),
});
const { code } = parseCallback(allowed.headers.get("location") ?? "", { expectedState: state });

const clock = async (advance) =>
  (
    await (
      await fetch(`${sandbox}/_sandbox/clock`, { method: "POST", body: JSON.stringify({ advance }) })
    ).json()
  ).epoch * 1000;
let now = await clock(0);
const api = new ApplicationAccessApi({ baseUrl: `${sandbox}/avito` });
const manager = createTokenManager({
  credentials,
  config: { baseUrl: `${sandbox}/avito` },
  store: new FileTokenStore({ path: join(mkdtempSync(join(tmpdir(), "one-install-")), "tokens.json") }),
  key: "user-1",
  now: () => now,
});
await manager.setTokenSet(
  toTokenSet(await api.getAccessTokenAuthorizationCode({ ...credentials, code }), { requestedAt: now }),
);
const first = await manager.getAccessToken();
now = await clock(25 * 3600); // past Avito's 24 h access token
const second = await manager.getAccessToken();

let forged = "";
try {
  parseCallback(`${redirect_uri}?code=x&state=forged-forged-forged`, { expectedState: state });
} catch (error) {
  forged = error instanceof AuthorizationCallbackError ? error.reason : String(error);
}
let core = "importable";
try {
  await import("@x/oauth-core");
} catch (error) {
  core = error.code;
}
const exported = [MemoryTokenStore, ReauthorizationRequiredError, TokenStoreError].map(
  (value) => typeof value,
);
console.log(JSON.stringify({ refreshed: first !== second, forged, core, exported }));
