// The whole authorization flow in a real browser: Debian's headless Chromium, driven by playwright-core, clicks
// through examples/connect against the sandbox for every provider with an authorization flow — the consent page's
// Allow and Deny, the callback through parseCallback, the code exchange, the token manager's FileTokenStore, and
// a refresh after the sandbox's clock moves on. Each page is saved as a screenshot (SCREENSHOTS below).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_CLIENTS, type Sandbox, startSandbox } from "@x/oauth-sandbox";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConnectApp, startConnectApp } from "../../examples/connect/app.js";
import { TARGETS } from "../../examples/connect/providers.js";

const CHROMIUM = "/usr/bin/chromium";
/** Where the screenshots go (gitignored): one per page the flow shows. */
export const SCREENSHOTS = join(import.meta.dirname, "..", "..", "examples", "connect", "screenshots");
/** The name each provider's refresh requests are counted under by the sandbox. */
const REFRESH_COUNT: Record<string, string> = {
  douyin: "oauthRefreshTokenGet",
  avito: "refreshAccessTokenAuthorizationCode",
  pinterest: "oauthToken",
};

let sandbox: Sandbox;
let app: ConnectApp;
let browser: BrowserContext;
let page: Page;
let tokenDir: string;
let profile: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does)`,
    );
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  sandbox = await startSandbox({ clock: { frozen: true } });
  tokenDir = mkdtempSync(join(tmpdir(), "connect-tokens-"));
  app = await startConnectApp({
    providers: Object.fromEntries(
      TARGETS.map(({ id }) => [
        id,
        {
          baseUrl: sandbox.baseUrls[id],
          authorizationEndpoint: sandbox.authorizationEndpoints[id],
          clientId: DEFAULT_CLIENTS[id].clientId,
          clientSecret: DEFAULT_CLIENTS[id].clientSecret,
        },
      ]),
    ),
    tokenDir,
    now: () => sandbox.clock.now(),
  });
  profile = mkdtempSync(join(tmpdir(), "chromium-profile-"));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await sandbox?.close();
  for (const dir of [tokenDir, profile]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
const startsWith = (prefix: string) => (url: URL) => url.href.startsWith(prefix);
const fact = (name: string) => page.locator(`dd[data-fact="${name}"]`).innerText();

describe("examples/connect in headless Chromium", () => {
  it("shows a Connect button for every provider with an authorization flow", async () => {
    await page.goto(app.url);
    const buttons = await page.locator("a.connect").allInnerTexts();
    expect(buttons).toEqual(["Connect with Douyin", "Connect with Avito", "Connect with Pinterest"]);
    await shot("01-home");
  });

  for (const [index, target] of TARGETS.entries()) {
    const n = String(index + 2).padStart(2, "0");

    it(`${target.id}: Allow connects the account; the manager refreshes after the sandbox clock moves on`, async () => {
      await page.goto(app.url);
      await page.click(`#connect-${target.id}`);
      // The sandbox's consent page: the client and each scope, with Allow and Deny.
      await page.waitForURL(startsWith(`${sandbox.authorizationEndpoints[target.id]}?`));
      const consent = await page.locator("body").innerText();
      expect(consent).toContain(DEFAULT_CLIENTS[target.id].clientId);
      for (const scope of target.scopes) expect(consent).toContain(scope);
      expect(await page.locator("button").allInnerTexts()).toEqual(["Allow", "Deny"]);
      await shot(`${n}-${target.id}-consent`);

      await page.click("#allow");
      await page.waitForURL(`${app.url}/account/${target.id}`);
      expect(await page.locator("h1").innerText()).toBe(`${target.label}: connected`);
      expect((await fact("scopes")).split(" ").sort()).toEqual([...target.scopes].sort());
      if (target.id === "douyin") expect(await fact("account")).toMatch(/^open_id: \S+/);
      const stored = join(tokenDir, `${target.id}.json`);
      expect(statSync(stored).mode & 0o777).toBe(0o600);
      expect(readFileSync(stored, "utf8")).toContain("accessToken");
      const first = await fact("access token");
      await shot(`${n}-${target.id}-account`);

      // The sandbox's clock past the access token's lifetime, through its endpoint as a test would.
      const refreshesBefore = sandbox.requestCount(target.id, REFRESH_COUNT[target.id]);
      const advance = sandbox.lifetimes(target.id).access + 60;
      const moved = await fetch(`${sandbox.url}/_sandbox/clock`, {
        method: "POST",
        body: JSON.stringify({ advance }),
      });
      expect(moved.status).toBe(200);
      await page.reload();
      await expect(page.locator("#refreshed").innerText()).resolves.toContain("refreshed just now");
      const second = await fact("access token");
      expect(second).not.toBe(first);
      expect(sandbox.requestCount(target.id, REFRESH_COUNT[target.id])).toBe(refreshesBefore + 1);
      await shot(`${n}-${target.id}-refreshed`);

      // "Refresh now" asks the manager for one refresh, whatever the clock says.
      await page.click("#refresh");
      await page.waitForURL(`${app.url}/account/${target.id}`);
      // Douyin keeps an access token that has not expired yet and only extends it (the sandbox does as it does).
      if (target.id !== "douyin") expect(await fact("access token")).not.toBe(second);
      expect(sandbox.requestCount(target.id, REFRESH_COUNT[target.id])).toBe(refreshesBefore + 2);
    });

    it(`${target.id}: Deny comes back as access_denied, shown by the app, and no code is exchanged`, async () => {
      const exchangesBefore = sandbox.requestCount(target.id);
      await page.goto(app.url);
      await page.click(`#connect-${target.id}`);
      await page.waitForURL(startsWith(`${sandbox.authorizationEndpoints[target.id]}?`));
      await page.click("#deny");
      await page.waitForURL(startsWith(`${app.url}/callback/${target.id}?`));
      const back = new URL(page.url());
      expect(back.searchParams.get("error")).toBe("access_denied");
      expect(back.searchParams.has("code")).toBe(false);
      expect(await page.locator("#result").innerText()).toBe(
        `You did not allow access to your ${target.label} account.`,
      );
      expect(sandbox.requestCount(target.id)).toBe(exchangesBefore);
      await shot(`${n}-${target.id}-denied`);
    });
  }

  it("a forged callback is refused by parseCallback; the sandbox shows an error page for an unregistered redirect", async () => {
    // The user started connecting (the app holds a state), then a forged redirect arrives with another one.
    await page.goto(app.url);
    await page.click("#connect-avito");
    await page.waitForURL(startsWith(`${sandbox.authorizationEndpoints.avito}?`));
    await page.goto(`${app.url}/callback/avito?code=stolen&state=forged-state-0123456789`);
    expect(await page.locator("#result").innerText()).toMatch(/not the one sent.*\(state-mismatch\)/);
    await shot("05-forged-callback");
    const bad = new URL(sandbox.authorizationEndpoints.avito);
    bad.search = new URLSearchParams({
      response_type: "code",
      client_id: DEFAULT_CLIENTS.avito.clientId,
      redirect_uri: "https://evil.example/callback",
      state: "0123456789abcdef",
    }).toString();
    const answer = await page.goto(bad.toString());
    expect(answer?.status()).toBe(400);
    expect(page.url()).toBe(bad.toString());
    expect(await page.locator(".error").innerText()).toMatch(/only loopback redirect URIs/);
    await shot("06-sandbox-error-page");
  });

  it("a page of another origin cannot drive the sandbox: its form POST and fetch are refused", async () => {
    const { code } = await sandbox.issueCode("criteo");
    const clock = sandbox.clock.now();
    await page.goto(app.url);
    const statuses = await page.evaluate(async (base) => {
      const reset = await fetch(`${base}/_sandbox/reset`, { method: "POST", mode: "no-cors" }).then(
        (r) => r.type,
        () => "blocked",
      );
      const form = document.createElement("form");
      form.method = "POST";
      form.action = `${base}/_sandbox/clock`;
      form.innerHTML = '<input name="advance" value="9999999">';
      document.body.append(form);
      return reset;
    }, sandbox.url);
    expect(statuses).toBe("opaque"); // sent, answer unreadable: what a page can do at most
    const [navigation] = await Promise.all([
      page.waitForNavigation(),
      page.evaluate(() => document.querySelector("form")?.submit()),
    ]);
    expect(navigation?.status()).toBe(403);
    await shot("07-cross-site-refused");
    expect(sandbox.clock.now()).toBe(clock);
    // Not reset either: the code issued before still exchanges.
    const exchanged = await fetch(`${sandbox.baseUrls.criteo}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        client_id: DEFAULT_CLIENTS.criteo.clientId,
        client_secret: DEFAULT_CLIENTS.criteo.clientSecret,
        code,
      }),
    });
    expect(exchanged.status).toBe(200);
  });
});
