// One install is enough: @x/avito-auth, packed as published and installed alone with pnpm (strict: a project
// reaches only what its package.json names), runs the whole lifecycle (tests/one-install/main.mjs) from that one
// package. @x/oauth-core's tarball stands in for the registry's copy, as a dependency of the package only.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startSandbox } from "@x/oauth-sandbox";
import { afterAll, expect, it } from "vitest";
import { pnpmPack } from "../scripts/release/check-packs.js";
import { repoRoot } from "../scripts/repo.js";
import { publicPackages, run, runPnpm } from "../scripts/workspace.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "oauth-sdks-one-install-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("a project that installs only @x/avito-auth runs authorize → callback → exchange → manager → refresh", async () => {
  const tarballs = path.join(dir, "tarballs");
  mkdirSync(tarballs);
  const packed: Record<string, string> = {};
  for (const pkg of publicPackages(repoRoot).filter((p) =>
    ["@x/avito-auth", "@x/oauth-core"].includes(p.manifest.name),
  ))
    packed[pkg.manifest.name] = `file:./tarballs/${path.basename(await pnpmPack(pkg.dir, tarballs))}`;
  const manifest = {
    name: "one-install",
    private: true,
    type: "module",
    dependencies: { "@x/avito-auth": packed["@x/avito-auth"] },
    pnpm: { overrides: { "@x/oauth-core": packed["@x/oauth-core"] } },
  };
  writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest));
  await runPnpm(["install", "--ignore-workspace", "--reporter=append-only"], {
    cwd: dir,
    timeoutMs: 180_000,
  });
  copyFileSync(path.join(repoRoot, "tests/one-install/main.mjs"), path.join(dir, "main.mjs"));

  const sandbox = await startSandbox({ clock: { frozen: true } });
  try {
    const { stdout } = await run(process.execPath, ["main.mjs", sandbox.url], {
      cwd: dir,
      timeoutMs: 60_000,
    });
    expect(JSON.parse(stdout.trim().split("\n").at(-1) ?? "")).toEqual({
      refreshed: true,
      forged: "state-mismatch",
      // pnpm's strict layout: the shared runtime is the package's dependency, not the project's.
      core: "ERR_MODULE_NOT_FOUND",
      exported: ["function", "function", "function"],
    });
    expect(sandbox.requestCount("avito", "refreshAccessTokenAuthorizationCode")).toBe(1);
  } finally {
    await sandbox.close();
  }
});
