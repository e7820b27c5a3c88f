// The release tooling on its own, fast: the tarball/manifest checks fed with broken packages, the release
// gate (verify-packs) on a small workspace, the spec-changeset check on small git histories, and the local
// registry's start, isolation and clean-up.
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
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { checkChangesets, parseChangeset } from "../scripts/release/check-changesets.js";
import { repoRoot, run, runPnpm } from "../scripts/release/exec.js";
import { publishTarball } from "../scripts/release/mirror.js";
import { checkPackedManifest, checkTarballContents } from "../scripts/release/package-checks.js";
import { type LocalRegistry, startLocalRegistry } from "../scripts/release/registry.js";
import { readTarball } from "../scripts/release/tarball.js";
import { verifyPacks } from "../scripts/release/verify-packs.js";
import { listWorkspacePackages } from "../scripts/release/workspace.js";

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
  return readTarball(readFileSync(path.join(dir, tarball)));
}

describe("tarball and manifest checks", () => {
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
    expect(checkPackedManifest(packed.manifest, { version: "1.2.3" })).toEqual([]);
    expect(checkTarballContents(packed)).toEqual([]);
  });

  test("files without dist: every entry point is reported missing", async () => {
    const packed = await npmPack(providerLike({ files: ["README.md"] }));
    const problems = checkTarballContents(packed);
    expect(problems).toContain(
      "@x/fixture-oauth: main points to ./dist/index.cjs, which is not in the tarball",
    );
    expect(problems).toContain(
      '@x/fixture-oauth: exports["."]["import"]["default"] points to ./dist/index.js, which is not in the tarball',
    );
    expect(problems).toContain(
      '@x/fixture-oauth: exports["."]["require"]["types"] points to ./dist/index.d.cts, which is not in the tarball',
    );
  });

  test("a dependency left as workspace: or catalog: is reported", async () => {
    const packed = await npmPack(
      providerLike({
        dependencies: { "@x/oauth-core": "workspace:*", "openapi-fetch": "catalog:" },
        peerDependencies: { typescript: "workspace:^" },
      }),
    );
    expect(checkPackedManifest(packed.manifest)).toEqual([
      '@x/fixture-oauth: dependencies["@x/oauth-core"] is "workspace:*", which only resolves inside the workspace',
      '@x/fixture-oauth: dependencies["openapi-fetch"] is "catalog:", which only resolves inside the workspace',
      '@x/fixture-oauth: peerDependencies["typescript"] is "workspace:^", which only resolves inside the workspace',
    ]);
  });

  test("a wrong version and install scripts are reported", () => {
    const manifest = { ...providerLike(), scripts: { postinstall: "node setup.js" } } as never;
    expect(checkPackedManifest(manifest, { version: "1.2.4" })).toEqual([
      "@x/fixture-oauth: version is 1.2.3, expected 1.2.4",
      "@x/fixture-oauth: scripts.postinstall would run on every user's install",
    ]);
  });

  test("tests, sources, source maps, specs and tool configs in the tarball are reported", async () => {
    const packed = await npmPack(providerLike({ files: ["dist", "src", "tsconfig.json"] }), {
      ...builtFiles,
      "dist/index.js.map": "{}",
      "dist/index.test.js": "",
      "dist/specs/criteo.yaml": "openapi: 3.0.3\n",
    });
    expect(checkTarballContents(packed)).toEqual([
      '@x/fixture-oauth: dist/index.js.map is a source map; users do not need it (name it in "files" if intended)',
      '@x/fixture-oauth: dist/index.test.js is a test file; users do not need it (name it in "files" if intended)',
      '@x/fixture-oauth: dist/specs/criteo.yaml is a spec; users do not need it (name it in "files" if intended)',
      // "src" is named in files: intended. tsconfig.json never is.
      "@x/fixture-oauth: tsconfig.json is a development file and must not be published",
    ]);
  });

  test("maps and specs named in files are intended; naming dist alone is not naming them", async () => {
    const packed = await npmPack(providerLike({ files: ["dist", "dist/**/*.map", "dist/specs"] }), {
      ...builtFiles,
      "dist/index.js.map": "{}",
      "dist/specs/criteo.yaml": "openapi: 3.0.3\n",
    });
    expect(packed.files).toContain("dist/specs/criteo.yaml");
    expect(checkTarballContents(packed)).toEqual([]);
  });

  test("long paths survive the tar reader", async () => {
    const deep = `dist/${"nested-folder-name/".repeat(8)}index.js`;
    const packed = await npmPack(providerLike(), { ...builtFiles, [deep]: "export {};\n" });
    expect(deep.length).toBeGreaterThan(100);
    expect(packed.files).toContain(deep);
  });
});

/** The package store the repository's own install used (pnpm records it in node_modules/.modules.yaml). */
function repositoryStoreDir(): string {
  const modules = parseYaml(readFileSync(path.join(repoRoot, "node_modules/.modules.yaml"), "utf8"));
  const store: unknown = modules?.storeDir;
  if (typeof store !== "string")
    throw new Error("node_modules/.modules.yaml names no storeDir: run pnpm install first");
  return store;
}

/** yaml@2.9.1's resolution, as the repository's lockfile records it. */
function yamlLockEntry(): string {
  const lockfile = readFileSync(path.join(repoRoot, "pnpm-lock.yaml"), "utf8");
  const entry = /^ {2}yaml@2\.9\.1:\n((?: {4}.*\n)+)/m.exec(lockfile)?.[1];
  if (!entry) throw new Error("pnpm-lock.yaml has no yaml@2.9.1 package entry");
  return entry;
}

/** The lockfile of the verify-packs fixture workspace (pnpm's format 9.0), so it installs offline and frozen. */
function fixtureLockfile(yamlEntry: string): string {
  return `lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

catalogs:
  default:
    yaml:
      specifier: 2.9.1
      version: 2.9.1

importers:

  .: {}

  packages/core: {}

  packages/good:
    dependencies:
      '@x/fixture-core':
        specifier: workspace:*
        version: link:../core
      yaml:
        specifier: 'catalog:'
        version: 2.9.1

  packages/internal: {}

  packages/no-dist:
    dependencies:
      '@x/fixture-core':
        specifier: workspace:^
        version: link:../core

packages:

  yaml@2.9.1:
${yamlEntry}
snapshots:

  yaml@2.9.1: {}
`;
}

describe("verify-packs (the gate before changeset publish)", () => {
  let root: string;
  beforeAll(async () => {
    root = tempDir("workspace");
    writeTree(root, {
      "package.json": JSON.stringify({ name: "fixture-root", private: true }),
      "pnpm-workspace.yaml": "packages:\n  - packages/*\ncatalog:\n  yaml: 2.9.1\n",
      "packages/core/package.json": JSON.stringify({
        ...providerLike({ name: "@x/fixture-core", version: "2.0.0" }),
        dependencies: {},
      }),
      "packages/good/package.json": JSON.stringify(
        providerLike({
          name: "@x/fixture-good",
          dependencies: { "@x/fixture-core": "workspace:*", yaml: "catalog:" },
        }),
      ),
      "packages/no-dist/package.json": JSON.stringify(
        providerLike({
          name: "@x/fixture-no-dist",
          files: ["README.md"],
          dependencies: { "@x/fixture-core": "workspace:^" },
        }),
      ),
      "packages/internal/package.json": JSON.stringify({
        name: "@x/fixture-internal",
        version: "0.0.0",
        private: true,
      }),
    });
    for (const name of ["core", "good", "no-dist"]) writeTree(path.join(root, "packages", name), builtFiles);
    // A frozen, offline install needs no registry metadata: the lockfile brings the resolution, and the
    // repository's own install already put yaml into the store this one reads.
    writeTree(root, { "pnpm-lock.yaml": fixtureLockfile(yamlLockEntry()) });
    const store = repositoryStoreDir();
    await runPnpm(["install", "--offline", "--frozen-lockfile", "--store-dir", store], { cwd: root });
  }, 60_000);

  test("pnpm pack rewrites workspace: and catalog:, and a package whose files drop dist is caught", async () => {
    const results = new Map((await verifyPacks(root)).map((result) => [result.pkg.manifest.name, result]));
    expect([...results.keys()]).toEqual(["@x/fixture-core", "@x/fixture-good", "@x/fixture-no-dist"]);
    expect(results.get("@x/fixture-good")?.packed.manifest.dependencies).toEqual({
      "@x/fixture-core": "2.0.0",
      yaml: "2.9.1",
    });
    expect(results.get("@x/fixture-good")?.problems).toEqual([]);
    expect(results.get("@x/fixture-core")?.problems).toEqual([]);
    expect(results.get("@x/fixture-no-dist")?.packed.manifest.dependencies).toEqual({
      "@x/fixture-core": "^2.0.0",
    });
    expect(results.get("@x/fixture-no-dist")?.problems).toContain(
      '@x/fixture-no-dist: exports["."]["import"]["default"] points to ./dist/index.js, which is not in the tarball',
    );
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

  beforeAll(() => {
    repo = tempDir("changesets");
    git("init", "-q", "--initial-branch=main");
    writeTree(repo, {
      ".changeset/config.json": JSON.stringify({ baseBranch: "main", ignore: [] }),
      ".changeset/README.md": "# Changesets\n",
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

  test("a spec change without a changeset fails and names the package and the file", () => {
    git("checkout", "-q", "-b", "spec-change");
    writeTree(repo, { "specs/criteo.yaml": spec("@x/criteo-oauth", "v2") });
    commit("change the criteo spec");
    const result = checkChangesets(repo);
    expect(result.baseLabel).toBe("merge base with main");
    expect(result.missing).toEqual([{ packageName: "@x/criteo-oauth", files: ["specs/criteo.yaml"] }]);
  });

  test("a changeset naming the package covers it; one naming another package does not", () => {
    git("checkout", "-q", "-b", "with-changeset");
    writeTree(repo, {
      "specs/criteo.yaml": spec("@x/criteo-oauth", "v2"),
      "specs/douyin.yaml": spec("@x/douyin-oauth", "v2"),
      ".changeset/brave-owls.md": '---\n"@x/criteo-oauth": minor\n---\n\nA new field.\n',
    });
    commit("change two specs, release one");
    const result = checkChangesets(repo);
    expect(result.covered).toEqual([
      { packageName: "@x/criteo-oauth", changesets: [".changeset/brave-owls.md"] },
    ]);
    expect(result.missing).toEqual([{ packageName: "@x/douyin-oauth", files: ["specs/douyin.yaml"] }]);
  });

  test("on main itself (a fresh clone) the last commit is checked, generated code included", () => {
    writeTree(repo, { "packages/criteo-oauth/src/generated/schema.gen.ts": "// v2\n" });
    commit("regenerate on main");
    const result = checkChangesets(repo);
    expect(result.baseLabel).toBe("the previous commit");
    expect(result.missing).toEqual([
      { packageName: "@x/criteo-oauth", files: ["packages/criteo-oauth/src/generated/schema.gen.ts"] },
    ]);
  });

  test("uncommitted changes count; a new package's first release needs no changeset; docs need none", () => {
    git("checkout", "-q", "-b", "new-provider");
    writeTree(repo, {
      "packages/pinterest-oauth/package.json": JSON.stringify({
        name: "@x/pinterest-oauth",
        version: "0.1.0",
      }),
      "specs/pinterest.yaml": spec("@x/pinterest-oauth", "v1"),
      "packages/criteo-oauth/README.md": "docs only\n",
    });
    const result = checkChangesets(repo);
    expect(result.missing).toEqual([]);
    expect(result.firstReleases).toEqual(["@x/pinterest-oauth"]);
  });

  test("a single-commit history has nothing to compare with", () => {
    const lone = tempDir("lone");
    execFileSync("git", ["clone", "-q", "--depth", "1", `file://${repo}`, lone], { stdio: "ignore" });
    expect(checkChangesets(lone).base).toBeUndefined();
  });

  test("every changeset waiting in this repository parses and names a released workspace package", () => {
    // A markdown formatter once turned a changeset's front matter into a heading; changesets then ignores it.
    const released = new Set(
      listWorkspacePackages(repoRoot)
        .filter((pkg) => !pkg.manifest.private)
        .map((pkg) => pkg.manifest.name),
    );
    const folder = path.join(repoRoot, ".changeset");
    for (const file of readdirSync(folder).filter((name) => name.endsWith(".md") && name !== "README.md")) {
      const releases = parseChangeset(readFileSync(path.join(folder, file), "utf8"), `.changeset/${file}`);
      expect(releases.size, file).toBeGreaterThan(0);
      for (const [name, bump] of releases) {
        expect(released, `${file} names ${name}`).toContain(name);
        expect(["patch", "minor", "major"], `${file}: ${name}`).toContain(bump);
      }
    }
  });

  test("a changeset without front matter is an error that names the file", () => {
    expect(() => parseChangeset("just text", ".changeset/x.md")).toThrow(
      /\.changeset\/x\.md: a changeset starts/,
    );
    expect(parseChangeset('---\n"@x/a": patch\n"@x/b": minor\n---\n\ntext\n', "f")).toEqual(
      new Map([
        ["@x/a", "patch"],
        ["@x/b", "minor"],
      ]),
    );
  });
});

describe("local registry", () => {
  let registry: LocalRegistry;
  beforeAll(async () => {
    registry = await startLocalRegistry();
  }, 60_000);
  afterAll(() => registry?.stop());

  test("listens on 127.0.0.1 only, and serves nothing it was not given (no uplink)", async () => {
    expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(new URL("openapi-fetch", registry.url));
    expect(response.status).toBe(404);
  });

  test("its client environment ignores inherited npm settings and the user's npmrc", async () => {
    const inherited = {
      ...process.env,
      npm_config_registry: "http://127.0.0.1:9/",
      NPM_CONFIG_USERCONFIG: "/nowhere",
    };
    const saved = process.env;
    process.env = inherited;
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

  test("takes a publish with its token and serves the package to npm", async () => {
    const packed = tempDir("publish");
    writeTree(path.join(packed, "pkg"), {
      "package.json": JSON.stringify({ name: "@x/registry-probe", version: "0.0.1", files: ["index.js"] }),
      "index.js": "module.exports = 1;\n",
      "README.md": "probe\n",
    });
    await run("npm", ["pack", "--pack-destination", packed], {
      cwd: path.join(packed, "pkg"),
      env: registry.clientEnv(),
    });
    await publishTarball(registry, readFileSync(path.join(packed, "x-registry-probe-0.0.1.tgz")));
    const { stdout } = await run("npm", ["view", "@x/registry-probe", "version"], {
      cwd: packed,
      env: registry.clientEnv(),
    });
    expect(stdout.trim()).toBe("0.0.1");
  });

  test("stop() ends the server and deletes its storage, and may be called twice", async () => {
    const second = await startLocalRegistry();
    const { root, url } = second;
    expect(existsSync(path.join(root, "storage"))).toBe(true);
    await second.stop();
    await second.stop();
    expect(existsSync(root)).toBe(false);
    await expect(fetch(url)).rejects.toThrow();
  });
});
