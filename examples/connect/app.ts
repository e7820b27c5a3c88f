// "Connect with …" for every provider with an authorization flow, on node:http: the button sends the user to the
// authorize page, the callback goes through parseCallback, the code is exchanged, and a token manager with a
// FileTokenStore keeps the token set fresh; the account page shows it and refreshes on demand.
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { FileTokenStore, type TokenManager } from "@x/douyin-oauth";
import { type ConnectTarget, isCallbackError, type ProviderSetup, TARGETS } from "./providers.js";

export interface ConnectAppOptions {
  /** Per provider: where it is and the app's credentials. A provider left out has no button. */
  providers: Partial<Record<ConnectTarget["id"], ProviderSetup>>;
  /** Folder of the token files, one per provider. */
  tokenDir: string;
  port?: number;
  /** The clock the token managers judge expiry by (a sandbox's, in a demo). Default Date.now. */
  now?: () => number;
}

export interface ConnectApp {
  url: string;
  close(): Promise<void>;
}

/** One signed-in user per browser (a cookie), with the state of each authorization it started. */
interface Session {
  pendingState: Partial<Record<string, string>>;
}

export async function startConnectApp(options: ConnectAppOptions): Promise<ConnectApp> {
  const now = options.now ?? Date.now;
  const sessions = new Map<string, Session>();
  const targets = TARGETS.filter((target) => options.providers[target.id]);
  const managers = new Map(
    targets.map((target) => [
      target.id,
      target.manager(options.providers[target.id] as ProviderSetup, {
        store: new FileTokenStore({ path: join(options.tokenDir, `${target.id}.json`) }),
        key: "demo-user",
        now,
      }),
    ]),
  );
  let origin = "";

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      page(res, 500, "Something went wrong", `<p class="error">${html(String(error))}</p>`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", origin);
    const [, action = "", id = ""] = url.pathname.split("/");
    const target = targets.find((t) => t.id === id);
    const session = sessionOf(req, res);
    if (url.pathname === "/") return home(res);
    if (!target) return page(res, 404, "Not found", "<p>No such page.</p>");
    const setup = options.providers[target.id] as ProviderSetup;
    const manager = managers.get(target.id);
    if (!manager) return page(res, 404, "Not found", "<p>No such provider.</p>");
    const redirectUri = `${origin}/callback/${target.id}`;

    if (action === "connect") {
      const { url: authorize, state } = target.authorizationUrl(setup, redirectUri);
      session.pendingState[target.id] = state;
      res.writeHead(302, { Location: authorize, "Cache-Control": "no-store" }).end();
      return;
    }
    if (action === "callback") {
      const expectedState = session.pendingState[target.id] ?? "";
      delete session.pendingState[target.id];
      let code: string;
      try {
        if (!expectedState) throw new Error("no authorization was started from this browser");
        ({ code } = target.parseCallback(url, expectedState));
      } catch (error) {
        const why = isCallbackError(error)
          ? error.reason === "access-denied"
            ? `You did not allow access to your ${target.label} account.`
            : `${target.label} did not connect: ${error.message} (${error.reason}).`
          : String((error as Error).message);
        return page(
          res,
          isCallbackError(error) && error.reason === "access-denied" ? 200 : 400,
          `${target.label} not connected`,
          `<p class="denied" id="result">${html(why)}</p><p><a href="/">Back</a></p>`,
        );
      }
      const tokenSet = await target.exchange(setup, code, redirectUri, now());
      await manager.setTokenSet(tokenSet);
      res.writeHead(303, { Location: `/account/${target.id}` }).end();
      return;
    }
    if (action === "account" && req.method === "POST") {
      // "Refresh now": the manager refreshes once, whoever else asks meanwhile.
      manager.invalidate();
      await manager.getAccessToken();
      res.writeHead(303, { Location: `/account/${target.id}` }).end();
      return;
    }
    if (action === "account") return account(res, target, manager);
    return page(res, 404, "Not found", "<p>No such page.</p>");
  }

  function home(res: ServerResponse): void {
    const rows = targets
      .map(
        (t) =>
          `<li><a class="connect" id="connect-${t.id}" href="/connect/${t.id}">Connect with ${t.label}</a>
<a href="/account/${t.id}">account</a></li>`,
      )
      .join("\n");
    page(res, 200, "Connect your accounts", `<ul class="providers">${rows}</ul>`);
  }

  async function account(res: ServerResponse, target: ConnectTarget, manager: TokenManager) {
    const before = await manager.getTokenSet();
    if (!before)
      return page(
        res,
        200,
        `${target.label}: not connected`,
        `<p><a href="/connect/${target.id}">Connect</a></p>`,
      );
    // Valid beyond the margin: no request; expiring or expired (by the clock given): one refresh first.
    await manager.getAccessToken();
    const tokenSet = (await manager.getTokenSet()) ?? before;
    const refreshed = tokenSet.accessToken !== before.accessToken;
    const facts = [
      [
        "account",
        Object.entries(tokenSet.extra ?? {})
          .map(([k, v]) => `${k}: ${String(v)}`)
          .join(", ") || "(the provider names none)",
      ],
      ["scopes", tokenSet.scopes.join(" ") || "(none)"],
      ["access token", fingerprint(tokenSet.accessToken)],
      ["expires", new Date(tokenSet.expiresAt).toISOString()],
      [
        "refresh token until",
        tokenSet.refreshTokenExpiresAt
          ? new Date(tokenSet.refreshTokenExpiresAt).toISOString()
          : "(not said)",
      ],
      ["clock", new Date(now()).toISOString()],
    ];
    page(
      res,
      200,
      `${target.label}: connected`,
      `${refreshed ? '<p class="note" id="refreshed">The access token had expired: refreshed just now.</p>' : ""}
<dl>${facts.map(([k, v]) => `<dt>${html(k ?? "")}</dt><dd data-fact="${html(k ?? "")}">${html(v ?? "")}</dd>`).join("")}</dl>
<form method="post"><button id="refresh" type="submit">Refresh now</button></form>
<p><a href="/">Back</a></p>`,
    );
  }

  function sessionOf(req: IncomingMessage, res: ServerResponse): Session {
    const id = /(?:^|;\s*)connect_session=([a-f0-9]{32})/.exec(req.headers.cookie ?? "")?.[1];
    const known = id && sessions.get(id);
    if (known) return known;
    const fresh = randomBytes(16).toString("hex");
    const session: Session = { pendingState: {} };
    sessions.set(fresh, session);
    res.setHeader("Set-Cookie", `connect_session=${fresh}; HttpOnly; SameSite=Lax; Path=/`);
    return session;
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A token is a secret: the page shows a short digest of it, enough to see that it changed. */
function fingerprint(token: string): string {
  return `sha256:${createHash("sha256").update(token).digest("hex").slice(0, 12)}`;
}

function page(res: ServerResponse, status: number, title: string, content: string): void {
  const text = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${html(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}
.providers{list-style:none;padding:0}.providers li{margin:.75rem 0}
.connect{display:inline-block;padding:.5rem 1rem;background:#0b57d0;color:#fff;border-radius:4px;text-decoration:none;margin-right:1rem}
dt{font-weight:600}dd{margin:0 0 .5rem;font-family:monospace}.denied{color:#b00020}.note{color:#1a7f37}</style></head>
<body><header>Example app · examples/connect</header><h1>${html(title)}</h1>
${content}
</body></html>`;
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  res.end(text);
}

function html(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}
