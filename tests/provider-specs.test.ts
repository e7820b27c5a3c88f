// The providers the lifecycle tests and the runtime matrix drive come from specs/: every spec is described, and a
// spec without an authorization code grant (here: client credentials with HTTP Basic only) is described too.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { listSpecs, loadSpecModel } from "@x/spec-model";
import { afterAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { repoRoot } from "../scripts/repo.js";
import { describeProvider, providerDescriptions } from "./provider-specs.js";
import { grantParams, managerOptions, type ProviderDescription } from "./runtimes/smoke/grants.mjs";

const client = { clientId: "the-id", clientSecret: "the-secret" };

describe("the providers of specs/", () => {
  const described = providerDescriptions();

  test("one per spec with a token answer, each with a grant a token manager renews with", () => {
    const specs = listSpecs(path.join(repoRoot, "specs"));
    const withToken = specs.filter(({ file }) => loadSpecModel(file).lifecycle !== undefined);
    expect(described.map((provider) => provider.id)).toEqual(withToken.map(({ id }) => id));
    // Our four specs all declare their token answers.
    expect(described).toHaveLength(specs.length);
    for (const provider of described) {
      expect(provider.grants.refresh_token ?? provider.grants.client_credentials, provider.id).toBeDefined();
    }
  });

  test("Douyin's renamed client id is found through its authorization flow", () => {
    const douyin = described.find((provider) => provider.id === "douyin");
    expect(douyin?.basic).toBe(false);
    expect(douyin && grantParams(douyin, "authorization_code", client, { code: "c" })).toEqual({
      client_key: "the-id",
      client_secret: "the-secret",
      code: "c",
    });
    expect(douyin && managerOptions(douyin, client, { baseUrl: "u" }).credentials).toEqual({
      client_key: "the-id",
      client_secret: "the-secret",
    });
  });
});

describe("a spec with client credentials only, the client authenticated with HTTP Basic", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "provider-specs-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const spec = parse(
    readFileSync(path.join(repoRoot, "tests/fixtures/codegen/basic-auth/spec.yaml"), "utf8"),
  );
  const body =
    spec.paths["/oauth/token"].post.requestBody.content["application/x-www-form-urlencoded"].schema;
  body.required = ["grant_type", "scope"];
  body.properties = {
    grant_type: { type: "string", enum: ["client_credentials"] },
    scope: { type: "string" },
  };
  spec.paths["/oauth/token"].post.responses["200"]["x-sdk-token"] = { accessToken: "access_token" };
  spec.components.securitySchemes.app = {
    type: "oauth2",
    flows: {
      clientCredentials: { tokenUrl: "https://basic.example.test/v1/oauth/token", scopes: { read: "r" } },
    },
  };
  const file = path.join(dir, "app-only.yaml");
  writeFileSync(file, stringify(spec));
  const provider = describeProvider(loadSpecModel(file)) as ProviderDescription;

  test("has no code grant, so nothing of the code flow applies", () => {
    expect(Object.keys(provider.grants)).toEqual(["client_credentials"]);
    expect(provider.clientIdName).toBeUndefined();
  });

  test("its requests carry no credentials in the body, and the required scope", () => {
    expect(provider.basic).toBe(true);
    expect(grantParams(provider, "client_credentials", client, { scope: provider.scope })).toEqual({
      scope: "read",
    });
    expect(managerOptions(provider, client, { baseUrl: "u" }, "client_credentials")).toEqual({
      config: { baseUrl: "u", clientId: "the-id", clientSecret: "the-secret" },
      grant: "client_credentials",
      scope: "read",
    });
  });
});
