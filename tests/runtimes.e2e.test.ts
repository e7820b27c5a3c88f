// The runtime matrix: every public package, packed as it would be published and installed into a fresh
// project, runs the smoke suite (tests/runtimes/smoke) against the sandbox on each pinned runtime, and the
// sandbox itself serves from each runtime it supports. Prints one line per runtime × provider.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { providerDescriptions } from "./provider-specs.js";
import { type SandboxInfo, startSandboxCli } from "./release/sandbox.js";
import {
  createConsumerProject,
  installToolchain,
  pointSuiteAt,
  type Runtime,
  runtimes,
  type SuiteReport,
  writeSuiteProviders,
} from "./runtimes/matrix.js";

const env: NodeJS.ProcessEnv = { ...process.env, npm_config_update_notifier: "false" };
const described = providerDescriptions();
const providers = described.map((provider) => provider.id);
const features = ["exchange", "refresh", "typed error", "timeout", "token manager refresh"];

let consumerDir: string;
let sandboxCli: string;
let sandbox: SandboxInfo;
const cleanups: Array<() => void | Promise<void>> = [];

beforeAll(async () => {
  consumerDir = mkdtempSync(path.join(os.tmpdir(), "oauth-sdks-runtimes-"));
  cleanups.push(() => rmSync(consumerDir, { recursive: true, force: true }));
  await installToolchain(env);
  const installed = await createConsumerProject(consumerDir, env);
  writeSuiteProviders(consumerDir, described);
  expect(installed).toEqual(expect.arrayContaining(["@x/oauth-core", "@x/oauth-sandbox"]));
  sandboxCli = path.join(consumerDir, "node_modules/@x/oauth-sandbox/dist/cli.js");
  sandbox = await startSandboxCli(sandboxCli, { cwd: consumerDir, env, runtime: process.execPath });
  cleanups.push(() => sandbox.stop());
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Prints one line per provider and fails with every broken feature named. */
function expectAllPassed(label: string, report: SuiteReport): void {
  for (const provider of providers) {
    const own = report.results.filter((result) => result.provider === provider);
    const summary = own.map(
      (result) => `${result.feature} ${result.ok ? "ok" : `FAILED (${result.detail})`}`,
    );
    console.log(
      `${label} × ${provider}: ${own.every((result) => result.ok) ? "PASS" : "FAIL"}: ${summary.join(", ")}`,
    );
  }
  const ran = report.results.map((result) => `${result.provider} ${result.feature}`);
  expect(ran).toEqual(providers.flatMap((provider) => features.map((feature) => `${provider} ${feature}`)));
  expect(report.results.filter((result) => !result.ok)).toEqual([]);
}

describe("the packed packages on every runtime", () => {
  test.each(runtimes.map((runtime) => [runtime.name, runtime] as const))(
    "%s",
    async (_name, runtime: Runtime) => {
      const version = await runtime.version(env);
      pointSuiteAt(consumerDir, sandbox.url);
      const report = await runtime.runSuite(consumerDir, env);
      expect(report.runtime).toMatch(runtime.identity);
      expectAllPassed(`${runtime.name} ${version} (${report.runtime})`, report);
    },
  );
});

describe("the sandbox serves from every runtime it supports", () => {
  const hosts = runtimes.filter((runtime) => runtime.sandboxRuntime !== undefined);
  const client = runtimes[0] as Runtime;

  test.each(hosts.map((runtime) => [runtime.name, runtime] as const))(
    "%s",
    async (_name, runtime: Runtime) => {
      const version = await runtime.version(env);
      const hosted = await startSandboxCli(sandboxCli, {
        cwd: consumerDir,
        env,
        runtime: runtime.sandboxRuntime as string,
      });
      try {
        pointSuiteAt(consumerDir, hosted.url);
        const report = await client.runSuite(consumerDir, env);
        expectAllPassed(`sandbox on ${runtime.name} ${version}, client ${report.runtime}`, report);
      } finally {
        await hosted.stop();
      }
    },
  );
});
