// A spec whose x-sdk-authorization says `pkce: true` gets an authorizationUrl that, with `pkce: true`, resolves to
// the URL with an S256 challenge and the codeVerifier to exchange with (and stays synchronous without it). The four
// specs declare no PKCE, so this runs Douyin's generated package with its spec saying so.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { buildSpecModel, SpecDocument } from "@x/spec-model";
import { afterAll, expect, it } from "vitest";
import { emitLifecycle } from "../scripts/codegen/emit-lifecycle.js";
import { repoRoot } from "../scripts/repo.js";

const generated = path.join(repoRoot, "packages/douyin-oauth/src/generated");
// Inside the package, so @x/oauth-core resolves as it does for the package itself.
const work = path.join(repoRoot, "packages/douyin-oauth/.tmp/pkce");
afterAll(() => rmSync(work, { recursive: true, force: true }));

it("authorizationUrl({ pkce: true }) gives the codeVerifier whose S256 challenge the URL carries", async () => {
  const text = readFileSync(path.join(repoRoot, "specs/douyin.yaml"), "utf8").replace(
    "callbackParameters: [scopes]",
    "callbackParameters: [scopes]\n            pkce: true",
  );
  const module = emitLifecycle(buildSpecModel(SpecDocument.parse(text, "specs/douyin.yaml")));
  expect(module).toContain("pkce: true");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const file of readdirSync(generated)) copyFileSync(path.join(generated, file), path.join(work, file));
  writeFileSync(path.join(work, "lifecycle.gen.ts"), module ?? "");
  writeFileSync(
    path.join(work, "check.ts"),
    `import { authorizationUrl } from "./lifecycle.gen.js";
const plain = authorizationUrl({ client_key: "k", redirect_uri: "http://127.0.0.1:9/cb" });
const pkce = await authorizationUrl({ client_key: "k", redirect_uri: "http://127.0.0.1:9/cb", pkce: true });
console.log(JSON.stringify({ plainIsSync: typeof plain.url === "string", url: pkce.url, state: pkce.state, codeVerifier: pkce.codeVerifier }));
`,
  );
  const tsx = path.join(repoRoot, "node_modules/tsx/dist/cli.mjs");
  const { stdout } = await promisify(execFile)(process.execPath, [tsx, "check.ts"], {
    cwd: work,
    timeout: 60_000,
  });
  const result = JSON.parse(stdout);
  const query = new URL(result.url).searchParams;
  expect(result.plainIsSync).toBe(true);
  expect(query.get("client_key")).toBe("k");
  expect(query.get("state")).toBe(result.state);
  expect(query.get("code_challenge_method")).toBe("S256");
  expect(query.get("code_challenge")).toBe(
    createHash("sha256").update(result.codeVerifier).digest("base64url"),
  );
});
