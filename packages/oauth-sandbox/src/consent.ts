// The authorize endpoint as a provider serves it (RFC 6749 §4.1.1–4.1.2): the request is checked, then a consent
// page names the client and the scopes with Allow and Deny. A request whose client or redirect URI is not valid
// gets an error page and is never redirected; any other fault goes back to the redirect URI as `error=…`.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxClient } from "./clients.js";
import type { ProviderBehaviour, ProviderContext } from "./providers/types.js";
import { randomToken } from "./random.js";
import type { ClientRegistry } from "./registry.js";
import type { ProviderId } from "./spec.js";

/** What the pages use of the sandbox core: the core holds the pages, so they name this instead of importing it. */
export interface ConsentHost {
  readonly clients: ClientRegistry;
  context(provider: ProviderId): Readonly<ProviderContext>;
  behaviour(provider: ProviderId): ProviderBehaviour;
  issueCode(
    provider: ProviderId,
    options: { clientId: string; scope: string[]; redirectUri?: string },
  ): { code: string; scope: string[] };
}

/** A consent page shown and not yet answered: what Allow or Deny acts on, so the form cannot change it. */
interface PendingConsent {
  provider: ProviderId;
  client: SandboxClient;
  redirectUri: string;
  /** the request named its redirect URI: the code is bound to it (RFC 6749 §4.1.3) */
  redirectNamed: boolean;
  scope: string[];
  state: string | undefined;
  expiresAt: number;
}

/** Pending consents kept at most (oldest dropped), each for 10 minutes. */
const MAX_PENDING = 1_000;
const PENDING_MS = 10 * 60_000;

export class ConsentPages {
  readonly #pending = new Map<string, PendingConsent>();

  /** `GET <base>/_sandbox/authorize`: the consent page, an error page, or a redirect with `error`. */
  show(core: ConsentHost, provider: ProviderId, query: URLSearchParams, res: ServerResponse) {
    const flow = core.context(provider).spec.model.provider.authorization;
    const name = (standard: "client_id" | "redirect_uri" | "scope" | "state" | "response_type") =>
      flow?.parameterNames?.[standard] ?? standard;
    const clientIdName = name("client_id");
    const clientId = query.get(clientIdName);
    if (!clientId) return errorPage(res, 400, `The request has no ${clientIdName}.`);
    const client = core.clients.get(provider, clientId);
    if (!client) return errorPage(res, 400, `No ${provider} client is registered as "${clientId}".`);
    const given = query.get(name("redirect_uri")) ?? undefined;
    const redirectUri = given ?? (client.redirectUris?.length === 1 ? client.redirectUris[0] : undefined);
    if (redirectUri === undefined) return errorPage(res, 400, `The request has no ${name("redirect_uri")}.`);
    if (!redirectAllowed(client, redirectUri))
      return errorPage(
        res,
        400,
        client.redirectUris
          ? `This redirect_uri is not registered for client "${client.clientId}".`
          : `Client "${client.clientId}" accepts only loopback redirect URIs (http://127.0.0.1:<port>/… or http://localhost:<port>/…).`,
      );
    // From here the redirect URI is trusted: faults of the request go back to it (RFC 6749 §4.1.2.1).
    const state = query.get(name("state")) ?? undefined;
    const back = (error: string, description: string) =>
      redirect(
        res,
        callbackUrl(redirectUri, { error, error_description: description, state }, name("state")),
      );
    const responseType = query.get(name("response_type"));
    if (responseType === null) return back("invalid_request", `${name("response_type")} is required.`);
    if (responseType !== "code")
      return back("unsupported_response_type", "Only response_type=code is supported.");
    const scopeText = query.get(name("scope"));
    const declared = flow?.scopes ?? {};
    const scope = scopeText
      ? scopeText.split(/[\s,]+/).filter(Boolean)
      : [...core.behaviour(provider).defaultScope];
    // A spec that declares scopes is the list of valid ones; a spec without a flow declares none to check.
    const unknown = flow ? scope.filter((s) => !Object.hasOwn(declared, s)) : [];
    if (unknown.length > 0) return back("invalid_scope", `Unknown scope: ${unknown.join(", ")}.`);

    const id = randomToken(24);
    this.#pending.set(id, {
      provider,
      client,
      redirectUri,
      redirectNamed: given !== undefined,
      scope,
      state,
      expiresAt: Date.now() + PENDING_MS,
    });
    if (this.#pending.size > MAX_PENDING) this.#pending.delete(this.#pending.keys().next().value as string);
    const rows = scope.map((s) => `<li><code>${html(s)}</code> ${html(declared[s] ?? "")}</li>`).join("");
    page(
      res,
      200,
      `Authorize ${html(client.clientId)}`,
      `<p class="who"><strong>${html(client.clientId)}</strong> asks to use your ${html(provider)} account.</p>
${rows ? `<p>It asks for:</p><ul>${rows}</ul>` : "<p>It asks for no particular scope.</p>"}
<p class="where">You will be sent back to <code>${html(new URL(redirectUri).origin)}</code>.</p>
<form method="post">
<input type="hidden" name="consent" value="${id}">
<button type="submit" name="decision" value="allow" id="allow">Allow</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</form>`,
      provider,
    );
  }

  /** `POST <base>/_sandbox/authorize` from the consent form: the redirect back with a code, or access_denied. */
  decide(core: ConsentHost, provider: ProviderId, req: IncomingMessage, body: Buffer, res: ServerResponse) {
    const form = new URLSearchParams(
      (req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")
        ? body.toString()
        : "",
    );
    const id = form.get("consent") ?? "";
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    if (!pending || pending.provider !== provider || pending.expiresAt < Date.now())
      return errorPage(
        res,
        400,
        "This consent page has expired or was answered already. Start again from the app.",
      );
    const flow = core.context(provider).spec.model.provider.authorization;
    const stateName = flow?.parameterNames?.state ?? "state";
    const decision = form.get("decision");
    if (decision === "deny")
      return redirect(
        res,
        callbackUrl(
          pending.redirectUri,
          { error: "access_denied", error_description: "The user denied access.", state: pending.state },
          stateName,
        ),
      );
    if (decision !== "allow") return errorPage(res, 400, "decision must be allow or deny.");
    const issued = core.issueCode(provider, {
      clientId: pending.client.clientId,
      scope: pending.scope,
      ...(pending.redirectNamed ? { redirectUri: pending.redirectUri } : {}),
    });
    const granted = issued.scope.join(flow?.scopeSeparator ?? " ");
    const extra = Object.fromEntries(
      (flow?.callbackParameters ?? [])
        .filter((p) => p === "scope" || p === "scopes")
        .map((p) => [p, granted]),
    );
    redirect(
      res,
      callbackUrl(pending.redirectUri, { code: issued.code, ...extra, state: pending.state }, stateName),
    );
  }
}

/** A client's registered redirect URIs; a client without a list (the demo clients) takes loopback http ones. */
function redirectAllowed(client: SandboxClient, redirectUri: string): boolean {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return false;
  }
  if (url.hash) return false;
  if (client.redirectUris) return client.redirectUris.includes(redirectUri);
  return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

function callbackUrl(
  redirectUri: string,
  params: Record<string, string | undefined>,
  stateName: string,
): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(key === "state" ? stateName : key, value);
  return url.toString();
}

function redirect(res: ServerResponse, location: string): void {
  // 303: the browser follows with a GET, whatever the form's method was.
  res.writeHead(303, { Location: location, "Cache-Control": "no-store", "Content-Length": 0 });
  res.end();
}

function errorPage(res: ServerResponse, status: number, message: string): void {
  page(res, status, "Authorization request refused", `<p class="error">${html(message)}</p>`, "sandbox");
}

function page(res: ServerResponse, status: number, title: string, content: string, provider: string): void {
  const text = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}
header{color:#666;font-size:.9rem}button{font:inherit;padding:.5rem 1.5rem;margin-right:.5rem;cursor:pointer}
#allow{background:#1a7f37;color:#fff;border:0;border-radius:4px}#deny{background:#eee;border:1px solid #aaa;border-radius:4px}
.error{color:#b00020}</style></head>
<body><header>oauth-sandbox · ${html(provider)} (not the real provider)</header><h1>${title}</h1>
${content}
</body></html>`;
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    // same-origin, not no-referrer: with no-referrer a browser sends the form's Origin as "null".
    "Referrer-Policy": "same-origin",
  });
  res.end(text);
}

function html(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}
