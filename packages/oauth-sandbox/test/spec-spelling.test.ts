// A spec that spells everything its own way (test/fixtures/camel.yaml): the sandbox answers in its status (201), its
// field names and enums, finds each field's role by its name or its x-sdk-role, takes the API key where the spec puts
// it (the query), and never reports its own answer as breaking the spec (its response check is on here).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultClient, loadSpec, type Sandbox, startSandbox } from "../src/index.js";
import { postForm, read } from "./helpers.js";

const folder = mkdtempSync(join(tmpdir(), "oauth-sandbox-camel-"));
const FIXTURE = join(import.meta.dirname, "fixtures", "camel.yaml");
let sb: Sandbox;
beforeAll(async () => {
  cpSync(FIXTURE, join(folder, "camel.yaml"));
  sb = await startSandbox({ specsDir: folder, clock: { frozen: true } });
});
afterAll(async () => {
  await sb.close();
  rmSync(folder, { recursive: true, force: true });
});

const client = defaultClient("camel");
const url = (key = client.clientSecret) =>
  `${sb.baseUrls.camel}/v2/tokens?app_key=${encodeURIComponent(key)}`;
const post = (body: unknown, key?: string) =>
  fetch(url(key), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }).then(read);

describe("a spec's own spelling", () => {
  it("answers 201 with its camelCase fields, its enum's 'bearer', a text expiresIn, and no writeOnly field", async () => {
    const { code } = await sb.issueCode("camel", { redirectUri: "https://app.test/cb" });
    // `ticket` is the code only because its x-sdk-role says so.
    const exchanged = await post({
      grantType: "authorizationCode",
      ticket: code,
      redirectUri: "https://app.test/cb",
    });
    expect(exchanged.status).toBe(201);
    expect(exchanged.body).toEqual({
      accessToken: expect.any(String),
      tokenType: "bearer",
      expiresIn: "3600",
      refreshToken: expect.any(String),
      issuedBy: "camel",
    });
    expect(sb.introspect("camel", exchanged.body.accessToken)).toMatchObject({
      active: true,
      client_id: client.clientId,
    });

    const refreshed = await post({ grantType: "refreshToken", refreshToken: exchanged.body.refreshToken });
    expect(refreshed.status).toBe(201);
    expect(sb.introspect("camel", exchanged.body.refreshToken).active).toBe(false);

    // No refresh token for client credentials: x-nullable makes it null, as the spec allows.
    const credentials = await post({ grantType: "clientCredentials" });
    expect(credentials).toMatchObject({ status: 201, body: { refreshToken: null, tokenType: "bearer" } });
  });

  it("refuses in the spec's error shape, saying why in the spec's terms", async () => {
    const noKey = await read(
      await fetch(`${sb.baseUrls.camel}/v2/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ grantType: "clientCredentials" }),
      }),
    );
    expect(noKey).toMatchObject({
      status: 401,
      body: {
        status: 401,
        title: "invalid_client",
        detail:
          "client authentication failed: this spec's security is an API key in the query app_key and the request sent none",
      },
    });
    const wrongKey = await post({ grantType: "clientCredentials" }, "nope");
    expect(wrongKey).toMatchObject({ status: 401, body: { title: "invalid_client" } });
    expect(wrongKey.body.detail).toBe(
      "client authentication failed: no API key in the query app_key is a registered client's secret",
    );
    // A field the request may not send (readOnly), one the spec does not declare, and a form body.
    const readOnly = await post({ grantType: "clientCredentials", issuedBy: "me" });
    expect(readOnly).toMatchObject({ status: 400, body: { title: "invalid_request" } });
    const undeclared = await post({ grantType: "clientCredentials", client_secret: "x" });
    expect(undeclared.body.detail).toBe(
      "client_secret is not a parameter this spec declares for the request.",
    );
    const form = await read(await postForm(url(), { grantType: "clientCredentials" }));
    expect(form.body).toMatchObject({
      status: 400,
      title: "invalid_request",
      detail: "Content-Type must be application/json.",
    });
    const grant = await post({ grantType: "password" });
    expect(grant.body).toMatchObject({ status: 400, title: "invalid_request" });
    expect(grant.body.detail).toMatch(
      /grantType must be one of: authorizationCode, refreshToken, clientCredentials/,
    );
    const code = await post({ grantType: "authorizationCode", ticket: "never-issued" });
    expect(code.body).toMatchObject({ status: 400, title: "invalid_grant" });
  });

  it("takes an unknown format as an annotation: the spec loads and the field is not checked", async () => {
    expect(() => loadSpec("camel", folder)).not.toThrow();
    const answer = await post({ grantType: "clientCredentials", requestedAt: "not an instant" });
    expect(answer.status).toBe(201);
  });

  it("answers in the media type its success declares: a form", async () => {
    const formSpec = mkdtempSync(join(folder, "form-"));
    const text = readFileSync(FIXTURE, "utf8");
    const tokenContent =
      'application/json:\n              schema:\n                $ref: "#/components/schemas/Token"';
    expect(text).toContain(tokenContent);
    writeFileSync(
      join(formSpec, "camel.yaml"),
      text.replace(
        tokenContent,
        tokenContent.replace("application/json", "application/x-www-form-urlencoded"),
      ),
    );
    const formSb = await startSandbox({ specsDir: formSpec });
    try {
      const answer = await fetch(`${formSb.baseUrls.camel}/v2/tokens?app_key=${client.clientSecret}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ grantType: "clientCredentials" }),
      });
      expect(answer.status).toBe(201);
      expect(answer.headers.get("content-type")).toBe("application/x-www-form-urlencoded; charset=utf-8");
      const fields = new URLSearchParams(await answer.text());
      expect(fields.get("tokenType")).toBe("bearer");
      expect(formSb.introspect("camel", fields.get("accessToken") ?? "").active).toBe(true);
    } finally {
      await formSb.close();
    }
  });

  it("refuses a role x-sdk-role names wrongly, at its place", () => {
    const broken = mkdtempSync(join(folder, "broken-"));
    writeFileSync(
      join(broken, "camel.yaml"),
      readFileSync(FIXTURE, "utf8").replace("x-sdk-role: code", "x-sdk-role: ticket"),
    );
    expect(() => loadSpec("camel", broken)).toThrow(
      /camel\.yaml:\d+:\d+: #\/paths\/.*\/properties\/ticket\/x-sdk-role: must be one of client_id, client_secret/,
    );
  });
});
