// The repository host's workflows: both pass the pinned workflow validator (and a broken one does not), CI runs
// README's test command with pnpm's cache, and the release workflow publishes through the very scripts the
// release end-to-end test runs, with provenance and no token of ours.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { pinnedPnpmVersion } from "../scripts/workspace.js";

const root = path.resolve(import.meta.dirname, "..");
const workflowsDir = path.join(root, ".github/workflows");
const validator = path.join(root, "node_modules/@action-validator/cli/cli.mjs");
const read = (relative: string) => readFileSync(path.join(root, relative), "utf8");

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, { branches?: string[] } | null>;
  permissions?: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

const workflow = (name: string) => parse(read(`.github/workflows/${name}`)) as Workflow;
const steps = (name: string) => Object.values(workflow(name).jobs).flatMap((job) => job.steps);

function validate(file: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [validator, file], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const work = mkdtempSync(path.join(os.tmpdir(), "oauth-sdks-workflows-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("workflow files", () => {
  test("ci.yml and release.yml exist and pass the workflow validator", () => {
    expect(readdirSync(workflowsDir).sort()).toEqual(["ci.yml", "release.yml"]);
    for (const name of readdirSync(workflowsDir)) {
      const { status, output } = validate(path.join(workflowsDir, name));
      expect({ name, status, output }).toEqual({ name, status: 0, output: "" });
    }
  });

  test("a broken workflow fails the validator, naming what is wrong", () => {
    const broken = path.join(work, "release.yml");
    // A typo a person could make: `step:` for `steps:`.
    writeFileSync(broken, read(".github/workflows/release.yml").replace(/^( {4})steps:/m, "$1step:"));
    const { status, output } = validate(broken);
    expect(status).not.toBe(0);
    expect(output).toContain("Additional property 'step' is not allowed");
  });
});

describe("ci.yml", () => {
  test("runs on pull requests and on main", () => {
    const { on } = workflow("ci.yml");
    expect(Object.keys(on).sort()).toEqual(["pull_request", "push"]);
    expect(on.push?.branches).toEqual(["main"]);
  });

  test("runs README's test command, then the checks .ci/run runs after it, with pnpm's store cached", () => {
    const all = steps("ci.yml");
    const pnpm = `npx -y pnpm@${pinnedPnpmVersion()}`;
    const readmeCommand = /^# 2\. Run every test.*\n(.+)$/m.exec(read("README.md"))?.[1];
    expect(readmeCommand).toBe(`${pnpm} install --frozen-lockfile && ${pnpm} test`);
    const runs = all.flatMap((step) => step.run ?? []);
    expect(runs).toEqual([
      'test -x /usr/bin/chromium || sudo ln -s "$(command -v google-chrome)" /usr/bin/chromium',
      readmeCommand,
      `${pnpm} exec tsx scripts/checks/turbo-cache.ts`,
      `${pnpm} check:changesets`,
    ]);
    const ciRun = read(".ci/run");
    for (const check of runs.slice(2)) expect(ciRun).toContain(check);
    const setupNode = all.find((step) => step.uses?.startsWith("actions/setup-node@"));
    expect(setupNode?.with?.cache).toBe("pnpm");
    expect(setupNode?.with?.["cache-dependency-path"]?.split("\n").filter(Boolean)).toEqual([
      "pnpm-lock.yaml",
      "tests/runtimes/toolchain/pnpm-lock.yaml",
      "tests/remote-cache/server-package/pnpm-lock.yaml",
    ]);
    expect(all.some((step) => step.uses?.startsWith("pnpm/action-setup@"))).toBe(true);
  });
});

describe("release.yml", () => {
  const release = () => steps("release.yml").find((step) => step.uses?.startsWith("changesets/action@"));

  test("runs on main and lets changesets/action open the Version Packages pull request", () => {
    expect(workflow("release.yml").on).toEqual({ push: { branches: ["main"] } });
    expect(release()?.with?.title).toBe("Version Packages");
  });

  test("versions and publishes with the root scripts the release e2e test runs", () => {
    const pnpm = `npx -y pnpm@${pinnedPnpmVersion()}`;
    expect(release()?.with?.version).toBe(`${pnpm} run version-packages`);
    expect(release()?.with?.publish).toBe(`${pnpm} run release`);
    const e2e = read("tests/release.e2e.test.ts");
    expect(e2e).toContain('runPnpm(["run", "version-packages"]');
    expect(e2e).toContain('runPnpm(["run", "release"]');
    const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
    expect(scripts.release).toContain("changeset publish");
  });

  test("publishes with provenance and no registry token of the repository", () => {
    const { permissions } = workflow("release.yml");
    expect(permissions).toMatchObject({ "id-token": "write", contents: "write", "pull-requests": "write" });
    expect(release()?.env?.NPM_CONFIG_PROVENANCE).toBe("true");
    const secrets = [...read(".github/workflows/release.yml").matchAll(/secrets\.(\w+)/g)].map(
      (match) => match[1],
    );
    expect(secrets).toEqual(["GITHUB_TOKEN"]);
    const tracked = execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" }).split("\n");
    expect(tracked.filter((file) => /(^|\/)\.npmrc$/.test(file))).toEqual([".npmrc"]);
    expect(read(".npmrc")).not.toMatch(/_authToken|_auth\b/);
  });
});
