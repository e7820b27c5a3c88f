// A default that only one member of a discriminated body (named or inline) declares: the generated API class sends
// it with that member alone, to a real HTTP server.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../scripts/repo.js";
import { generateFixture, temporaryPackagesDir } from "./codegen-helpers.js";

const packages = temporaryPackagesDir();
// Inside the repository, so the generated code resolves openapi-fetch; the runtime is taken from its sources.
const codeDir = mkdtempSync(path.join(repoRoot, "tests", ".variant-defaults-"));
const bodies: string[] = [];
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      bodies.push(body);
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"access_token":"fake-access"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(codeDir, { recursive: true, force: true });
  packages.cleanup();
});

interface TokenApi {
  token(params: Record<string, unknown>): Promise<{ access_token: string }>;
  introspect(params: Record<string, unknown>): Promise<{ access_token: string }>;
}
const sent = () => bodies.splice(0).map((body) => Object.fromEntries(new URLSearchParams(body)));

type ApiClass = new (config: { baseUrl: string }) => TokenApi;
let loaded: Promise<ApiClass> | undefined;
const generatedApi = () => (loaded ??= loadGeneratedApi());

async function loadGeneratedApi(): Promise<ApiClass> {
  const { files } = await generateFixture("variant-defaults", packages.dir);
  const core = path.relative(codeDir, path.join(repoRoot, "packages/oauth-core/src/index.js"));
  for (const [file, content] of files) {
    if (file.startsWith("src/generated/"))
      writeFileSync(
        path.join(codeDir, path.basename(file)),
        content.replaceAll('"@x/oauth-core"', `"${core}"`),
      );
  }
  const api = await import(path.join(codeDir, "api.gen.ts"));
  return api.OauthApi;
}

describe("a default of one variant of a discriminated body", () => {
  it("is filled in for its own variant only, and the caller's value wins", async () => {
    const OauthApi = await generatedApi();
    const api = new OauthApi({ baseUrl });
    await api.token({ grant_type: "client_credentials", client_id: "fake-id" });
    await api.token({ grant_type: "refresh_token", refresh_token: "fake-refresh" });
    await api.token({ grant_type: "client_credentials", client_id: "fake-id", scope: "write" });
    await api.token({ grant_type: "client_credentials", client_id: "fake-id", scope: undefined });
    expect(sent()).toEqual([
      { scope: "read", grant_type: "client_credentials", client_id: "fake-id" },
      { grant_type: "refresh_token", refresh_token: "fake-refresh" },
      { scope: "write", grant_type: "client_credentials", client_id: "fake-id" },
      { scope: "read", grant_type: "client_credentials", client_id: "fake-id" },
    ]);
  });

  it("members written inline: one overload each, and the default goes with its own member only", async () => {
    const OauthApi = await generatedApi();
    const api = new OauthApi({ baseUrl });
    await api.introspect({ token_type_hint: "access_token", token: "fake-access" });
    await api.introspect({ token_type_hint: "refresh_token", token: "fake-refresh" });
    expect(sent()).toEqual([
      { include: "scopes", token_type_hint: "access_token", token: "fake-access" },
      { token_type_hint: "refresh_token", token: "fake-refresh" },
    ]);
  });
});
