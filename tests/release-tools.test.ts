// The release tooling on its own, fast: the tarball check fed with broken packages, the release gate (check-packs)
// on a small workspace, the changeset check on small git histories, and the local registry: its isolation, the
// seeding that publishes to it and nowhere else, and its clean-up.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { checkChangesets, releasePlan } from "../scripts/release/check-changesets.js";
import { type CheckedTarball, checkPacks, checkTarball } from "../scripts/release/check-packs.js";
import { type LocalRegistry, startLocalRegistry } from "../scripts/release/local-registry.js";
import { publishTo, seedRegistry } from "../scripts/release/seed-registry.js";
import { repoRoot } from "../scripts/repo.js";
import { publicPackages, run, runPnpm } from "../scripts/workspace.js";

const temporary: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `oauth-sdks-${prefix}-`));
  temporary.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function writeTree(root: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
}

/** A package shaped like ours: dual ESM/CJS with types, built into dist, sources and tests beside it. */
function providerLike(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "@x/fixture-oauth",
    version: "1.2.3",
    license: "MIT",
    type: "module",
    files: ["dist"],
    main: "./dist/index.cjs",
    module: "./dist/index.js",
    types: "./dist/index.d.ts",
    exports: {
      ".": {
        import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
        require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
      },
      "./package.json": "./package.json",
    },
    dependencies: { "@x/oauth-core": "1.0.0" },
    ...overrides,
  };
}

const builtFiles = {
  "README.md": "# fixture\n",
  "dist/index.js": "export const x = 1;\n",
  "dist/index.cjs": "exports.x = 1;\n",
  "dist/index.d.ts": "export declare const x = 1;\n",
  "dist/index.d.cts": "export declare const x = 1;\n",
  "src/index.ts": "export const x = 1;\n",
  "test/index.test.ts": "// a test\n",
  "tsconfig.json": "{}\n",
};

/** Packs a folder with npm, which (unlike pnpm) leaves workspace: ranges as they are: a broken publish. */
async function npmPack(manifest: Record<string, unknown>, files: Record<string, string> = builtFiles) {
  const dir = tempDir("pack");
  writeTree(path.join(dir, "pkg"), { ...files, "package.json": JSON.stringify(manifest) });
  await run("npm", ["pack", "--ignore-scripts", "--pack-destination", dir], { cwd: path.join(dir, "pkg") });
  const tarball = readdirSync(dir).find((file) => file.endsWith(".tgz"));
  if (!tarball) throw new Error("npm pack made no tarball");
  return checkTarball(readFileSync(path.join(dir, tarball)));
}

describe("checkTarball: publint, and what publint leaves alone", () => {
  test("a package shaped like ours passes, and only dist, README and package.json are shipped", async () => {
    const packed = await npmPack(providerLike());
    expect(packed.files).toEqual([
      "README.md",
      "dist/index.cjs",
      "dist/index.d.cts",
      "dist/index.d.ts",
      "dist/index.js",
      "package.json",
    ]);
    expect(packed.problems).toEqual([]);
  });

  test("files without dist: publint reports the entry points that are not published", async () => {
    const { problems } = await npmPack(providerLike({ files: ["README.md"] }));
    expect(problems.length).toBeGreaterThan(0);
    for (const file of ["./dist/index.js", "./dist/index.cjs", "./dist/index.d.cts"]) {
      expect(
        problems.some((problem) => problem.startsWith("@x/fixture-oauth: ") && problem.includes(file)),
      ).toBe(true);
    }
  });

  test("workspace-only ranges, a registry in publishConfig and an install script are reported", async () => {
    const { problems } = await npmPack(
      providerLike({
        dependencies: { "@x/oauth-core": "workspace:*", "openapi-fetch": "catalog:" },
        peerDependencies: { typescript: "workspace:^" },
        publishConfig: {
          access: "public",
          registry: "http://127.0.0.1:9/",
          "@x:registry": "http://127.0.0.1:9/",
        },
        scripts: { postinstall: "node setup.js" },
      }),
    );
    expect(problems).toEqual([
      '@x/fixture-oauth: dependencies["@x/oauth-core"] is "workspace:*", which only resolves inside the workspace',
      '@x/fixture-oauth: dependencies["openapi-fetch"] is "catalog:", which only resolves inside the workspace',
      '@x/fixture-oauth: peerDependencies["typescript"] is "workspace:^", which only resolves inside the workspace',
      "@x/fixture-oauth: publishConfig.registry sends it elsewhere than the registry the release is given",
      "@x/fixture-oauth: publishConfig.@x:registry sends it elsewhere than the registry the release is given",
      "@x/fixture-oauth: scripts.postinstall would run on every user's install",
    ]);
  });

  test("tests, sources, source maps and tool configs in the tarball are reported", async () => {
    const packed = await npmPack(providerLike({ files: ["dist", "src", "tsconfig.json"] }), {
      ...builtFiles,
      "dist/index.js.map": "{}",
      "dist/index.test.js": "",
    });
    expect(packed.problems).toEqual([
      "@x/fixture-oauth: dist/index.js.map is a development file; users do not need it",
      "@x/fixture-oauth: dist/index.test.js is a development file; users do not need it",
      "@x/fixture-oauth: src/index.ts is a development file; users do not need it",
      "@x/fixture-oauth: tsconfig.json is a development file; users do not need it",
    ]);
  });
});

describe("check-packs (the gate before changeset publish)", () => {
  let results: Map<string, CheckedTarball>;
  beforeAll(async () => {
    const root = tempDir("workspace");
    const core = { ...providerLike({ name: "@x/fixture-core", version: "2.0.0" }), dependencies: {} };
    writeTree(root, {
      "package.json": JSON.stringify({ name: "fixture-root", private: true }),
      "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
      "packages/core/package.json": JSON.stringify(core),
      "packages/good/package.json": JSON.stringify(
        providerLike({
          name: "@x/fixture-good",
          dependencies: { "@x/fixture-core": "workspace:*" },
        }),
      ),
      "packages/no-dist/package.json": JSON.stringify(
        providerLike({
          name: "@x/fixture-no-dist",
          files: ["README.md"],
          dependencies: { "@x/fixture-core": "workspace:^" },
        }),
      ),
      "packages/pinned/package.json": JSON.stringify({
        ...providerLike({ name: "@x/fixture-pinned", dependencies: {} }),
        publishConfig: { access: "public", registry: "http://127.0.0.1:9/" },
      }),
      "packages/internal/package.json": JSON.stringify({
        name: "@x/fixture-internal",
        version: "0.0.0",
        private: true,
      }),
    });
    for (const name of ["core", "good", "no-dist", "pinned"]) {
      writeTree(path.join(root, "packages", name), {
        ...builtFiles,
        "src/index.ts": "",
        "test/index.test.ts": "",
      });
    }
    // Workspace links only: an offline install has nothing to fetch.
    await runPnpm(["install", "--offline"], { cwd: root });
    results = new Map((await checkPacks(root)).map((result) => [result.manifest.name, result]));
  }, 120_000);

  test("packs every public package with pnpm, which rewrites workspace: ranges", () => {
    expect([...results.keys()]).toEqual([
      "@x/fixture-core",
      "@x/fixture-good",
      "@x/fixture-no-dist",
      "@x/fixture-pinned",
    ]);
    expect(results.get("@x/fixture-good")?.manifest.dependencies).toEqual({ "@x/fixture-core": "2.0.0" });
    expect(results.get("@x/fixture-no-dist")?.manifest.dependencies).toEqual({ "@x/fixture-core": "^2.0.0" });
    expect(results.get("@x/fixture-good")?.problems).toEqual([]);
    expect(results.get("@x/fixture-core")?.problems).toEqual([]);
  });

  test("stops a package whose files drop dist, and one whose publishConfig names a registry", () => {
    expect(results.get("@x/fixture-no-dist")?.problems.join("\n")).toContain("./dist/index.js");
    expect(results.get("@x/fixture-pinned")?.problems).toEqual([
      "@x/fixture-pinned: publishConfig.registry sends it elsewhere than the registry the release is given",
    ]);
  });
});

describe("check-changesets", () => {
  let repo: string;
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  const commit = (message: string) => {
    git("add", "--all");
    git(
      "-c",
      "user.name=t",
      "-c",
      "user.email=t@localhost",
      "-c",
      "commit.gpgsign=false",
      "commit",
      "-qm",
      message,
    );
  };
  const spec = (pkg: string, title: string) =>
    `openapi: 3.0.3\ninfo:\n  title: ${title}\n  x-sdk:\n    package: "${pkg}"\n`;
  const missing = async () => {
    const { changed } = await checkChangesets(repo);
    return changed.filter((entry) => entry.changesets.length === 0);
  };

  beforeAll(() => {
    repo = tempDir("changesets");
    git("init", "-q", "--initial-branch=main");
    writeTree(repo, {
      ".changeset/config.json": JSON.stringify({ baseBranch: "main" }),
      ".changeset/README.md": "# Changesets\n",
      "package.json": JSON.stringify({ name: "fixture-root", private: true }),
      "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
      "packages/criteo-oauth/package.json": JSON.stringify({ name: "@x/criteo-oauth", version: "1.0.0" }),
      "packages/criteo-oauth/src/generated/schema.gen.ts": "// v1\n",
      "packages/douyin-oauth/package.json": JSON.stringify({ name: "@x/douyin-oauth", version: "1.0.0" }),
      "specs/criteo.yaml": spec("@x/criteo-oauth", "v1"),
      "specs/douyin.yaml": spec("@x/douyin-oauth", "v1"),
    });
    commit("initial");
  });
  afterEach(() => {
    git("checkout", "-q", "main");
    git("reset", "-q", "--hard", "main");
    git("clean", "-qfd");
  });

  test("a spec change without a changeset fails and names the package and the file", async () => {
    git("checkout", "-q", "-b", "spec-change");
    writeTree(repo, { "specs/criteo.yaml": spec("@x/criteo-oauth", "v2") });
    commit("change the criteo spec");
    const result = await checkChangesets(repo);
    expect(result.since).toBe("main");
    expect(result.changed).toEqual([
      { packageName: "@x/criteo-oauth", files: ["specs/criteo.yaml"], changesets: [] },
    ]);
  });

  test("a changeset naming the package covers it; one naming another package does not", async () => {
    git("checkout", "-q", "-b", "with-changeset");
    writeTree(repo, {
      "specs/criteo.yaml": spec("@x/criteo-oauth", "v2"),
      "specs/douyin.yaml": spec("@x/douyin-oauth", "v2"),
      ".changeset/brave-owls.md": '---\n"@x/criteo-oauth": minor\n---\n\nA new field.\n',
    });
    commit("change two specs, release one");
    expect((await checkChangesets(repo)).changed).toEqual([
      {
        packageName: "@x/criteo-oauth",
        files: ["specs/criteo.yaml"],
        changesets: [".changeset/brave-owls.md"],
      },
      { packageName: "@x/douyin-oauth", files: ["specs/douyin.yaml"], changesets: [] },
    ]);
  });

  test("a changeset that was on the base already does not cover a new change", async () => {
    git("checkout", "-q", "-b", "pending");
    writeTree(repo, { ".changeset/old-news.md": '---\n"@x/criteo-oauth": patch\n---\n\nEarlier.\n' });
    commit("an earlier changeset, not yet released");
    git("checkout", "-q", "-b", "later");
    writeTree(repo, { "packages/criteo-oauth/src/generated/schema.gen.ts": "// v2\n" });
    commit("regenerate");
    expect((await checkChangesets(repo, "pending")).changed).toEqual([
      {
        packageName: "@x/criteo-oauth",
        files: ["packages/criteo-oauth/src/generated/schema.gen.ts"],
        changesets: [],
      },
    ]);
  });

  test("on main itself (a fresh clone) the last commit is checked, generated code included", async () => {
    writeTree(repo, { "packages/criteo-oauth/src/generated/schema.gen.ts": "// v2\n" });
    commit("regenerate on main");
    const result = await checkChangesets(repo);
    expect(result.since).toBe("HEAD~1");
    expect(result.changed.map((entry) => [entry.packageName, entry.files, entry.changesets])).toEqual([
      ["@x/criteo-oauth", ["packages/criteo-oauth/src/generated/schema.gen.ts"], []],
    ]);
  });

  test("docs and tests need none; a new package's first release needs none", async () => {
    git("checkout", "-q", "-b", "new-provider");
    writeTree(repo, {
      "packages/pinterest-oauth/package.json": JSON.stringify({
        name: "@x/pinterest-oauth",
        version: "0.1.0",
      }),
      "packages/pinterest-oauth/src/generated/schema.gen.ts": "// v1\n",
      "specs/pinterest.yaml": spec("@x/pinterest-oauth", "v1"),
      "packages/criteo-oauth/README.md": "docs only\n",
      "packages/criteo-oauth/test/token.test.ts": "// a test\n",
    });
    commit("a new provider, and docs");
    const result = await checkChangesets(repo);
    expect(result.changed).toEqual([]);
    expect(result.firstReleases).toEqual(["@x/pinterest-oauth"]);
  });

  test("a change that git knows of counts before it is committed", async () => {
    git("checkout", "-q", "-b", "uncommitted");
    writeTree(repo, { "specs/douyin.yaml": spec("@x/douyin-oauth", "v3") });
    expect((await missing()).map((entry) => entry.packageName)).toEqual(["@x/douyin-oauth"]);
    writeTree(repo, { ".changeset/quiet-fox.md": '---\n"@x/douyin-oauth": patch\n---\n\nA fix.\n' });
    git("add", ".changeset/quiet-fox.md");
    expect(await missing()).toEqual([]);
  });

  test("a single-commit history has nothing to compare with", async () => {
    const lone = tempDir("lone");
    execFileSync("git", ["clone", "-q", "--depth", "1", `file://${repo}`, lone], { stdio: "ignore" });
    expect((await checkChangesets(lone)).since).toBeUndefined();
  });

  test("every changeset waiting in this repository parses and releases a public workspace package", async () => {
    // A markdown formatter once turned a changeset's front matter into a heading; changesets then refuses it.
    const released = new Set(publicPackages().map((pkg) => pkg.manifest.name));
    const { changesets } = await releasePlan(repoRoot);
    const files = readdirSync(path.join(repoRoot, ".changeset")).filter((file) => file.endsWith(".md"));
    expect(changesets.map(({ id }) => `${id}.md`).sort()).toEqual(
      files.filter((file) => file !== "README.md").sort(),
    );
    for (const { id, releases } of changesets) {
      expect(releases.length, id).toBeGreaterThan(0);
      for (const { name, type } of releases) {
        expect(released, `${id} names ${name}`).toContain(name);
        expect(["patch", "minor", "major"], `${id}: ${name}`).toContain(type);
      }
    }
  });
});

describe("local registry", () => {
  let registry: LocalRegistry;
  beforeAll(async () => {
    registry = await startLocalRegistry();
  }, 120_000);
  afterAll(() => registry?.stop());

  const version = async (name: string) =>
    (
      await run("npm", ["view", name, "version"], { cwd: registry.root, env: registry.clientEnv() })
    ).stdout.trim();

  test("listens on 127.0.0.1 only, and serves nothing it was not given (no uplink)", async () => {
    expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(new URL("openapi-fetch", registry.url));
    expect(response.status).toBe(404);
  });

  test("its client environment ignores inherited npm settings and the user's npmrc", async () => {
    const saved = process.env;
    process.env = { ...saved, npm_config_registry: "http://127.0.0.1:9/", NPM_CONFIG_USERCONFIG: "/nowhere" };
    let env: NodeJS.ProcessEnv;
    try {
      env = registry.clientEnv();
    } finally {
      process.env = saved;
    }
    expect(env.NPM_CONFIG_USERCONFIG).toBeUndefined();
    const { stdout } = await run("npm", ["config", "get", "registry"], { cwd: registry.root, env });
    expect(stdout.trim()).toBe(registry.url);
    expect(env.npm_config_userconfig?.startsWith(registry.root)).toBe(true);
  });

  test("publishTo publishes there and nowhere else, whatever the package's publishConfig names", async () => {
    // Another registry on 127.0.0.1 that counts what reaches it.
    const reached: string[] = [];
    const other = createServer((request, response) => {
      reached.push(`${request.method} ${request.url}`);
      response.writeHead(500).end();
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
    try {
      const dir = tempDir("publish");
      const publishConfig = { registry: otherUrl, "@x:registry": otherUrl, tag: "next" };
      for (const name of ["registry-probe", "@x/registry-probe"]) {
        const pkg = path.join(dir, name);
        writeTree(pkg, {
          "package.json": JSON.stringify({ name, version: "0.0.1", files: ["index.js"], publishConfig }),
          "index.js": "module.exports = 1;\n",
        });
        await publishTo(registry, pkg);
        expect(await version(name)).toBe("0.0.1");
      }
      expect(reached).toEqual([]);
    } finally {
      other.close();
    }
  }, 180_000);

  test("seedRegistry publishes the installed third-party dependencies of the given packages, transitively", async () => {
    const criteo = publicPackages().find((pkg) => pkg.manifest.name === "@x/criteo-oauth");
    if (!criteo) throw new Error("no @x/criteo-oauth in the workspace");
    const seeded = await seedRegistry(registry, [criteo]);
    expect(seeded.map((id) => id.replace(/@[^@]+$/, ""))).toEqual([
      "openapi-fetch",
      "openapi-typescript-helpers",
    ]);
    expect(`openapi-fetch@${await version("openapi-fetch")}`).toBe(seeded[0]);
  }, 180_000);

  test("stop() ends the server and deletes its storage, and may be called twice", async () => {
    const second = await startLocalRegistry();
    const { root, url } = second;
    expect(existsSync(path.join(root, "storage"))).toBe(true);
    await second.stop();
    await second.stop();
    expect(existsSync(root)).toBe(false);
    await expect(fetch(url)).rejects.toThrow();
  }, 120_000);
});
