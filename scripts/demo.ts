// The main demo: start the sandbox on a free port and, for each provider, let its package exchange a code,
// refresh, and hit one error case. Prints a short table (never a full token) and exits 0 when every step
// behaved as the provider would; the sandbox stops either way.
import { AccessApi, ApplicationAccessApi, AvitoAuthError } from "@x/avito-auth";
import { CriteoOAuthError, OAuthApi } from "@x/criteo-oauth";
import { DefaultApi, DouyinOAuthError } from "@x/douyin-oauth";
import { DEFAULT_CLIENTS, type ProviderId, type Sandbox, startSandbox } from "@x/oauth-sandbox";
import { OauthApi, PinterestOAuthError } from "@x/pinterest-oauth";

interface Row {
  provider: ProviderId;
  operation: string;
  status: string;
  result: string;
  ok: boolean;
}

/** Enough of a token to recognise it, never enough to use it. */
function prefix(token: string | null | undefined): string {
  if (!token) return "(none)";
  return `${token.slice(0, Math.min(8, Math.floor(token.length / 3)))}…`;
}

interface ProviderErrorLike {
  status: number;
  code: string | number | undefined;
  description: string | undefined;
}

type Outcome = string | null | undefined | { token: string | null | undefined; note: string };

/** Runs one step and records it; `expectError` is the provider error code the step must end with. */
async function step(
  rows: Row[],
  provider: ProviderId,
  operation: string,
  run: () => Promise<Outcome>,
  expectError?: { errorClass: abstract new (...args: never[]) => ProviderErrorLike; code: string | number },
): Promise<void> {
  try {
    const outcome = await run();
    const { token, note } =
      typeof outcome === "object" && outcome !== null ? outcome : { token: outcome, note: "" };
    const result = `token ${prefix(token)}${note ? `  (${note})` : ""}`;
    rows.push({ provider, operation, status: "200", result, ok: !expectError && !!token });
  } catch (error) {
    if (expectError && error instanceof expectError.errorClass) {
      const { status, code, description } = error as ProviderErrorLike;
      rows.push({
        provider,
        operation,
        status: String(status),
        result: `error ${code}: ${description ?? ""}`,
        ok: code === expectError.code,
      });
    } else {
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      rows.push({ provider, operation, status: "-", result: `unexpected ${text}`, ok: false });
    }
  }
}

async function douyin(sb: Sandbox, rows: Row[]): Promise<void> {
  const { clientId: client_key, clientSecret: client_secret } = DEFAULT_CLIENTS.douyin;
  const api = new DefaultApi({ baseUrl: sb.baseUrls.douyin });
  const { code } = await sb.issueCode("douyin");
  let refresh_token = "";
  await step(rows, "douyin", "oauthAccessTokenGet (code)", async () => {
    const token = await api.oauthAccessTokenGet({ client_key, client_secret, code });
    refresh_token = token.data?.refresh_token ?? "";
    return token.data?.access_token;
  });
  await step(rows, "douyin", "oauthRefreshTokenGet", async () => {
    const token = await api.oauthRefreshTokenGet({ client_key, refresh_token });
    const kept = token.data?.refresh_token === refresh_token;
    return { token: token.data?.access_token, note: kept ? "no client_secret; refresh token kept" : "" };
  });
  await step(
    rows,
    "douyin",
    "oauthAccessTokenGet (code reused)",
    async () => (await api.oauthAccessTokenGet({ client_key, client_secret, code })).data?.access_token,
    { errorClass: DouyinOAuthError, code: 28001007 },
  );
}

async function avito(sb: Sandbox, rows: Row[]): Promise<void> {
  const { clientId: client_id, clientSecret: client_secret } = DEFAULT_CLIENTS.avito;
  const app = new ApplicationAccessApi({ baseUrl: sb.baseUrls.avito });
  const { code } = await sb.issueCode("avito");
  let first = "";
  await step(rows, "avito", "getAccessTokenAuthorizationCode", async () => {
    const token = await app.getAccessTokenAuthorizationCode({ client_id, client_secret, code });
    first = token.refresh_token ?? "";
    return token.access_token;
  });
  await step(rows, "avito", "refreshAccessTokenAuthorizationCode", async () => {
    const token = await app.refreshAccessTokenAuthorizationCode({
      client_id,
      client_secret,
      refresh_token: first,
    });
    return { token: token.access_token, note: token.refresh_token !== first ? "new refresh token" : "" };
  });
  await step(
    rows,
    "avito",
    "refresh… (old refresh token, rotated)",
    async () =>
      (await app.refreshAccessTokenAuthorizationCode({ client_id, client_secret, refresh_token: first }))
        .access_token,
    { errorClass: AvitoAuthError, code: "invalid_grant" },
  );
  await step(rows, "avito", "getAccessToken (client_credentials)", async () => {
    return (await new AccessApi({ baseUrl: sb.baseUrls.avito }).getAccessToken({ client_id, client_secret }))
      .access_token;
  });
}

async function pinterest(sb: Sandbox, rows: Row[]): Promise<void> {
  const { clientId, clientSecret } = DEFAULT_CLIENTS.pinterest;
  const redirect_uri = "https://app.example.test/pinterest/callback";
  const api = new OauthApi({ baseUrl: sb.baseUrls.pinterest, clientId, clientSecret });
  const { code } = await sb.issueCode("pinterest", { redirectUri: redirect_uri });
  let refresh_token = "";
  await step(rows, "pinterest", "oauthToken (authorization_code)", async () => {
    // grant_type picks the overload: the result is OauthAccessTokenResponseCode, with its refresh token.
    const token = await api.oauthToken({ grant_type: "authorization_code", code, redirect_uri });
    refresh_token = token.refresh_token;
    return token.access_token;
  });
  await step(rows, "pinterest", "oauthToken (refresh_token)", async () => {
    const token = await api.oauthToken({ grant_type: "refresh_token", refresh_token });
    // Continuous refresh returns a new refresh token (optional in the model: API 5.10 sent none).
    const renewed = token.refresh_token;
    const note = renewed && renewed !== refresh_token ? "continuous refresh" : "";
    if (renewed) refresh_token = renewed;
    return { token: token.access_token, note };
  });
  const wrong = new OauthApi({ baseUrl: sb.baseUrls.pinterest, clientId, clientSecret: "not-the-secret" });
  await step(
    rows,
    "pinterest",
    "oauthToken (wrong client secret)",
    async () => (await wrong.oauthToken({ grant_type: "refresh_token", refresh_token })).access_token,
    { errorClass: PinterestOAuthError, code: 2 },
  );
}

async function criteo(sb: Sandbox, rows: Row[]): Promise<void> {
  const { clientId: client_id, clientSecret: client_secret } = DEFAULT_CLIENTS.criteo;
  const redirect_uri = "https://app.example.test/criteo/callback";
  const api = new OAuthApi({ baseUrl: sb.baseUrls.criteo });
  const { code } = await sb.issueCode("criteo", { redirectUri: redirect_uri });
  let refresh_token = "";
  await step(rows, "criteo", "getToken (authorization_code)", async () => {
    const token = await api.getToken({
      grant_type: "authorization_code",
      client_id,
      client_secret,
      code,
      redirect_uri,
    });
    refresh_token = token.refresh_token ?? "";
    return token.access_token;
  });
  await step(rows, "criteo", "getToken (refresh_token)", async () => {
    const token = await api.getToken({
      grant_type: "refresh_token",
      client_id,
      client_secret,
      refresh_token,
    });
    return {
      token: token.access_token,
      note: token.refresh_token !== refresh_token ? "refresh token rotated" : "",
    };
  });
  await step(
    rows,
    "criteo",
    "getToken (wrong client secret)",
    async () =>
      (await api.getToken({ grant_type: "client_credentials", client_id, client_secret: "not-the-secret" }))
        .access_token,
    { errorClass: CriteoOAuthError, code: "invalid_client" },
  );
}

function table(rows: Row[]): string {
  const header: Row = {
    provider: "provider" as ProviderId,
    operation: "operation",
    status: "status",
    result: "result",
    ok: true,
  };
  const all = [header, ...rows];
  const width = (key: "provider" | "operation" | "status") => Math.max(...all.map((r) => r[key].length));
  const mark = (r: Row) => (r === header ? " " : r.ok ? "✓" : "✗");
  const line = (r: Row) =>
    [
      mark(r),
      r.provider.padEnd(width("provider")),
      r.operation.padEnd(width("operation")),
      r.status.padEnd(width("status")),
      r.result,
    ].join("  ");
  return all.map(line).join("\n");
}

async function main(): Promise<number> {
  const sb = await startSandbox({ port: 0 });
  const rows: Row[] = [];
  try {
    console.log(`oauth-sandbox listening on ${sb.url} (a free port; demo clients; real sockets)\n`);
    await douyin(sb, rows);
    await avito(sb, rows);
    await pinterest(sb, rows);
    await criteo(sb, rows);
  } finally {
    await sb.close();
  }
  console.log(table(rows));
  const failed = rows.filter((r) => !r.ok);
  console.log(
    failed.length === 0
      ? `\nAll ${rows.length} steps behaved as the providers do (errors included). Sandbox stopped.`
      : `\n${failed.length} of ${rows.length} steps did not behave as expected. Sandbox stopped.`,
  );
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
