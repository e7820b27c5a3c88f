// Proves the turbo cache is configured right, after the test command has run once:
//  (a) running the same tasks again is a full cache hit;
//  (b) touching one spec invalidates that provider's tasks and no other provider's.
// Run from .ci/run; exits non-zero with the offending task ids.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../repo.js";
import { workspacePackages } from "../workspace.js";

interface DryRunTask {
  taskId: string;
  package: string;
  command: string;
  cache: { status: "HIT" | "MISS" };
}

function verify(extraArgs: string[]): string {
  return execFileSync("pnpm", ["run", "--silent", "verify", ...extraArgs], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
}

function dryRun(): DryRunTask[] {
  const out = verify(["--dry=json"]);
  const { tasks } = JSON.parse(out.slice(out.indexOf("{"))) as { tasks: DryRunTask[] };
  // A package without the script has nothing to run or cache (e.g. oauth-core has no `generate`).
  return tasks.filter((t) => t.command !== "<NONEXISTENT>");
}

/** Provider packages, keyed by the spec they are generated from (read from the packages' turbo.json). */
function providerPackages(): Map<string, string> {
  const byPackage = new Map<string, string>();
  for (const { dir, manifest } of workspacePackages()) {
    const turbo = join(dir, "turbo.json");
    const spec = existsSync(turbo)
      ? /specs\/([a-z0-9-]+)\.yaml/.exec(readFileSync(turbo, "utf8"))?.[1]
      : undefined;
    if (spec) byPackage.set(manifest.name, spec);
  }
  return byPackage;
}

const failures: string[] = [];

// (a) a real second run: every task must come from the cache.
const second = verify(["--output-logs=none"]);
const cached = /Cached:\s+(\d+) cached, (\d+) total/.exec(second);
if (!cached || cached[1] !== cached[2]) {
  failures.push(`second run was not a full cache hit: ${cached?.[0] ?? "no turbo summary found"}`);
} else {
  console.log(`(a) second run: ${cached[0]}`);
}

// (b) touch one spec and ask turbo which tasks it would re-run.
const providers = providerPackages();
const [touchedPackage, touchedSpec] = [...providers][0] ?? [];
if (!touchedPackage || !touchedSpec) {
  failures.push("no provider package with a spec input found in packages/*/turbo.json");
} else {
  const specPath = join(repoRoot, "specs", `${touchedSpec}.yaml`);
  const original = readFileSync(specPath, "utf8");
  try {
    writeFileSync(specPath, `${original}\n# cache probe\n`);
    const tasks = dryRun();
    const missed = tasks.filter((t) => t.cache.status === "MISS").map((t) => t.taskId);
    if (!tasks.some((t) => t.package === touchedPackage && t.cache.status === "MISS")) {
      failures.push(`touching specs/${touchedSpec}.yaml re-ran no task of ${touchedPackage}`);
    }
    const others = tasks.filter(
      (t) => t.package !== touchedPackage && providers.has(t.package) && t.cache.status === "MISS",
    );
    for (const t of others) failures.push(`touching specs/${touchedSpec}.yaml also re-ran ${t.taskId}`);
    console.log(`(b) touching specs/${touchedSpec}.yaml re-runs: ${missed.join(", ")}`);
  } finally {
    writeFileSync(specPath, original);
  }
}

if (failures.length > 0) {
  console.error(`turbo cache check failed:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log("turbo cache check passed");
