// The provider list comes from the specs: an RFC 6749 spec dropped into the sandbox's spec folder is served,
// with its lifetimes and rotation from its own x-sdk-tokens, and no sandbox code knows its name.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listProviders, type Sandbox, startSandbox } from "../src/index.js";
import { PROVIDERS, postForm, read, SPECS_DIR } from "./helpers.js";

const folder = mkdtempSync(join(tmpdir(), "oauth-sandbox-specs-"));
let sb: Sandbox;
beforeAll(async () => {
  for (const file of readdirSync(SPECS_DIR).filter((name) => name.endsWith(".yaml"))) {
    cpSync(join(SPECS_DIR, file), join(folder, file));
  }
  cpSync(join(import.meta.dirname, "fixtures", "acme.yaml"), join(folder, "acme.yaml"));
  sb = await startSandbox({ specsDir: folder, clock: { frozen: true } });
});
afterAll(async () => {
  await sb.close();
  rmSync(folder, { recursive: true, force: true });
});

const client = { client_id: "sandbox-acme-client", client_secret: "sandbox-acme-secret" };
const token = (fields: Record<string, string>) =>
  postForm(`${sb.baseUrls.acme}/oauth/token`, fields).then(read);

describe("a spec added to the spec folder", () => {
  it("is listed and served beside the shipped ones, with a demo client by the same rule", async () => {
    expect(listProviders(SPECS_DIR)).toEqual([...PROVIDERS]);
    expect(sb.providers).toEqual(["acme", ...PROVIDERS]);
    expect(sb.baseUrls.acme).toBe(`${sb.url}/acme`);
    expect(sb.clients("acme").map((c) => c.clientId)).toEqual(["sandbox-acme-client"]);
    const index = await read(await fetch(`${sb.url}/`));
    expect(index.body.providers.acme).toMatchObject({
      operations: ["POST /oauth/token (createToken)"],
      lifetimes: { code: 600, access: 1200, refresh: 7200 },
    });
  });

  it("speaks RFC 6749: client credentials, code exchange, rotation, and its errors", async () => {
    const credentials = await token({ grant_type: "client_credentials", ...client, scope: "read write" });
    expect(credentials).toMatchObject({
      status: 200,
      body: { token_type: "Bearer", expires_in: 1200, scope: "read write" },
    });
    expect(credentials.body.refresh_token).toBeUndefined();

    const { code } = await sb.issueCode("acme", { redirectUri: "https://app.test/cb", scope: ["read"] });
    const exchanged = await token({
      grant_type: "authorization_code",
      ...client,
      code,
      redirect_uri: "https://app.test/cb",
    });
    expect(exchanged.status).toBe(200);
    expect(sb.introspect("acme", exchanged.body.refresh_token).exp).toBe(sb.clock.nowSeconds() + 7200);
    const refresh = { grant_type: "refresh_token", ...client, refresh_token: exchanged.body.refresh_token };
    const rotated = await token(refresh);
    expect(rotated.body.refresh_token).not.toBe(exchanged.body.refresh_token);
    // "rotated" in its x-sdk-tokens: the spent refresh token is refused.
    expect(await token(refresh)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect(
      await token({ grant_type: "client_credentials", ...client, client_secret: "wrong" }),
    ).toMatchObject({
      status: 401,
      body: { error: "invalid_client" },
    });
    expect(await token({ grant_type: "password", ...client })).toMatchObject({
      status: 400,
      body: { error: "unsupported_grant_type" },
    });
    expect(sb.requestCount("acme", "createToken")).toBe(6);
  });

  it("completes its authorization-URL flow through the consent page", async () => {
    const callback = await sb.consent(
      sb.authorizeUrl("acme", {
        clientId: "sandbox-acme-client",
        redirectUri: "http://127.0.0.1:8123/cb",
        state: "s",
      }),
      "allow",
    );
    const location = new URL(callback);
    expect(location.searchParams.get("state")).toBe("s");
    const exchanged = await token({
      grant_type: "authorization_code",
      ...client,
      code: location.searchParams.get("code") ?? "",
      redirect_uri: "http://127.0.0.1:8123/cb",
    });
    expect(exchanged.status).toBe(200);
  });
});

/** The sandbox serving acme.yaml as `edit` changes it, for the length of `use`. */
async function withEditedAcme(edit: (spec: string) => string, use: (baseUrl: string) => Promise<void>) {
  const edited = mkdtempSync(join(tmpdir(), "oauth-sandbox-edited-"));
  const spec = readFileSync(join(import.meta.dirname, "fixtures", "acme.yaml"), "utf8");
  writeFileSync(join(edited, "acme.yaml"), edit(spec));
  const sandbox = await startSandbox({ specsDir: edited, checkResponses: true });
  try {
    await use(sandbox.baseUrls.acme as string);
  } finally {
    await sandbox.close();
    rmSync(edited, { recursive: true, force: true });
  }
}

describe("a spec whose success is the range 2XX", () => {
  it("answers 200, which its own response check takes as declared", async () => {
    await withEditedAcme(
      (spec) => spec.replace('        "200":\n', "        2XX:\n"),
      async (baseUrl) => {
        const answer = await postForm(`${baseUrl}/oauth/token`, {
          grant_type: "client_credentials",
          ...client,
        }).then(read);
        expect(answer).toMatchObject({ status: 200, body: { token_type: "Bearer" } });
      },
    );
  });
});

describe("a spec that writes HTTP Basic as an Authorization header parameter", () => {
  it("takes Basic credentials from it, and refuses a request without them", async () => {
    await withEditedAcme(
      (spec) =>
        spec
          .replace(
            "      requestBody:\n",
            '      parameters:\n        - { name: Authorization, in: header, required: true, description: "Basic client credentials", schema: { type: string } }\n      requestBody:\n',
          )
          .replace(
            "              required: [grant_type, client_id, client_secret]\n",
            "              required: [grant_type]\n",
          ),
      async (baseUrl) => {
        const basic = `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString("base64")}`;
        const send = (headers: Record<string, string>) =>
          fetch(`${baseUrl}/oauth/token`, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
            body: "grant_type=client_credentials",
          }).then(read);
        expect(await send({ authorization: basic })).toMatchObject({ status: 200 });
        expect(await send({})).toMatchObject({ status: 401, body: { error: "invalid_client" } });
      },
    );
  });
});
