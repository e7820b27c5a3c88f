// The vendor corpus: real token-endpoint OpenAPI documents as vendors publish them (tests/fixtures/vendor-specs/<id>/,
// each with a SOURCE.md), taken through "Add a provider" as a new user would: lint, scaffold and generate into a
// temporary workspace, type-check the package together with one call per grant (calls.ts), serve the spec from the
// sandbox, and make each call from the generated package. A stage that cannot pass yet is listed in `knownGaps` with
// its reason, and the test asserts that it still fails: a fix fails the test until its entry is removed.

import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { defaultClient, type Sandbox, startSandbox } from "@x/oauth-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateProvider } from "../scripts/codegen/pipeline.js";
import { scaffoldProvider } from "../scripts/codegen/scaffold.js";
import { writeGenerated } from "../scripts/codegen/write.js";
import { formatProblem, lintSpec } from "../scripts/lint/specs.js";
import { coreDir, fromCore, linkDependencies, temporaryPackagesDir } from "./codegen-helpers.js";
import type { GrantCalls, SpecClient } from "./fixtures/vendor-specs/grants.js";

const corpusDir = path.join(import.meta.dirname, "fixtures", "vendor-specs");

type Stage = "lint" | "codegen" | "typecheck" | "sandbox";
/** The stages a token call needs. */
const BLOCKING: readonly Stage[] = ["codegen", "typecheck", "sandbox"];

interface Gaps {
  lint?: string;
  codegen?: string;
  typecheck?: string;
  sandbox?: string;
  /** grant → reason */
  calls?: Readonly<Record<string, string>>;
}

const UNKNOWN_GRANT = "the sandbox has no way to honour this grant (nothing in the spec says what to check)";
/** What cannot pass yet, per spec and stage, and why. Every entry is asserted to still fail. */
const knownGaps: Readonly<Record<string, Gaps>> = {
  square: {
    calls: { migration_token: UNKNOWN_GRANT },
  },
  "supabase-auth": {
    calls: {
      id_token: UNKNOWN_GRANT,
      web3: UNKNOWN_GRANT,
    },
  },
};

/** A stage's outcome: undefined when it passed, else what went wrong. */
type Outcome = string | undefined;

interface SpecRun {
  id: string;
  specPath: string;
  packageDir?: string;
  lint?: Outcome;
  codegen?: Outcome;
  typecheck?: Outcome;
}

const ids = readdirSync(corpusDir)
  .filter((name) => statSync(path.join(corpusDir, name)).isDirectory())
  .sort();
const workspace = temporaryPackagesDir();
const packagesDir = path.join(workspace.dir, "packages");
const runs = new Map<string, SpecRun>(
  ids.map((id) => [id, { id, specPath: path.join(corpusDir, id, "spec.yaml") }]),
);

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function lint(run: SpecRun): Promise<Outcome> {
  const result = await lintSpec(run.specPath);
  const stopping = result.problems.filter((problem) => problem.severity === "error");
  return stopping.length === 0 ? undefined : stopping.map(formatProblem).join("\n");
}

/** Scaffolds and generates the package past the lint gate, so codegen is judged on its own. */
async function generate(run: SpecRun): Promise<Outcome> {
  try {
    const options = { specPath: run.specPath, providerId: run.id, packagesDir };
    const { packageDir } = await scaffoldProvider(options);
    writeGenerated(await generateProvider({ ...options, skipGate: true }));
    linkDependencies(workspace.dir, packageDir);
    for (const file of ["grants.ts", `${run.id}/calls.ts`]) {
      cpSync(path.join(corpusDir, file), path.join(packageDir, "test", path.basename(file)));
    }
    run.packageDir = packageDir;
    return undefined;
  } catch (error) {
    return message(error);
  }
}

/** One TypeScript program over every generated package (as each package's tsconfig would), errors per package. */
function typecheckAll(generated: SpecRun[]): void {
  if (generated.length === 0) return;
  const folders = generated.map((run) => path.relative(workspace.dir, run.packageDir as string));
  writeFileSync(
    path.join(workspace.dir, "tsconfig.json"),
    JSON.stringify({
      extends: "./tsconfig.base.json",
      compilerOptions: { noEmit: true },
      include: folders.flatMap((folder) => [`${folder}/src`, `${folder}/test`]),
      exclude: folders.map((folder) => `${folder}/test/consumer`),
    }),
  );
  const tsc = spawnSync(process.execPath, [fromCore.resolve("typescript/bin/tsc"), "-p", "."], {
    cwd: workspace.dir,
    encoding: "utf8",
  });
  // One diagnostic per "file(line,col): error ..." line, with the indented lines that continue it.
  const diagnostics: string[] = [];
  for (const line of `${tsc.stdout}${tsc.stderr}`.split("\n")) {
    if (line.trim() === "") continue;
    if (/^\s/.test(line) && diagnostics.length > 0) diagnostics[diagnostics.length - 1] += `\n${line}`;
    else diagnostics.push(line);
  }
  for (const run of generated) {
    const folder = `${path.relative(workspace.dir, run.packageDir as string)}/`;
    const own = diagnostics.filter((diagnostic) => diagnostic.startsWith(folder));
    run.typecheck = own.length === 0 ? undefined : own.join("\n");
  }
  const elsewhere = diagnostics.filter((line) => !folders.some((folder) => line.startsWith(`${folder}/`)));
  if (elsewhere.length > 0)
    throw new Error(`tsc failed outside the generated packages:\n${elsewhere.join("\n")}`);
}

/** The sandbox serving this one spec (a folder of its own, with the files its `$ref`s name). */
async function serve(run: SpecRun): Promise<Sandbox> {
  const specsDir = path.join(workspace.dir, "specs", run.id);
  cpSync(path.join(corpusDir, run.id), specsDir, {
    recursive: true,
    filter: (source) => !/(SOURCE\.md|calls\.ts)$/.test(source),
  });
  renameSync(path.join(specsDir, "spec.yaml"), path.join(specsDir, `${run.id}.yaml`));
  return startSandbox({ specsDir, providers: [run.id], clock: { frozen: true } });
}

const REDIRECT_URI = "https://app.example.test/callback";

/** Each grant's call from the generated package; a grant passes when the sandbox knows its access token as live. */
async function callGrants(run: SpecRun, sandbox: Sandbox): Promise<Record<string, Outcome>> {
  const { calls, client = defaultClient(run.id) } = (await import(
    pathToFileURL(path.join(run.packageDir as string, "test", "calls.ts")).href
  )) as { calls: GrantCalls; client?: SpecClient };
  sandbox.registerClient(run.id, client);
  const outcomes: Record<string, Outcome> = {};
  let accessToken = "";
  let refreshToken = "";
  for (const [grant, call] of Object.entries(calls)) {
    try {
      const { code } = await sandbox.issueCode(run.id, { redirectUri: REDIRECT_URI });
      const answer = await call({
        baseUrl: sandbox.baseUrls[run.id] as string,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        redirectUri: REDIRECT_URI,
        code,
        accessToken,
        refreshToken,
      });
      if (!sandbox.introspect(run.id, answer.accessToken).active) {
        throw new Error(`the sandbox does not know the access token the ${grant} call returned as live`);
      }
      accessToken = answer.accessToken;
      if (answer.refreshToken) refreshToken = answer.refreshToken;
      outcomes[grant] = undefined;
    } catch (error) {
      outcomes[grant] = message(error);
    }
  }
  return outcomes;
}

/** Every stage's outcome, gaps included, shown when a spec's test fails. */
function report(run: SpecRun, sandbox: Outcome, calls: Record<string, Outcome>): string {
  const stages: [string, Outcome][] = [
    ["lint", run.lint],
    ["codegen", run.codegen],
    ["typecheck", run.codegen === undefined ? run.typecheck : "(not run)"],
    ["sandbox", sandbox],
    ...Object.entries(calls).map(([grant, outcome]): [string, Outcome] => [`call ${grant}`, outcome]),
  ];
  return [`== ${run.id}`, ...stages.map(([stage, outcome]) => `${stage}: ${outcome ?? "passes"}`)].join("\n");
}

/** The mismatches between a stage's outcome and what knownGaps says of it. */
function judge(id: string, stage: string, outcome: Outcome, gap: string | undefined): string[] {
  if (gap === undefined && outcome !== undefined) return [`${stage} fails:\n${outcome}`];
  if (gap !== undefined && outcome === undefined) {
    return [`${stage} passes now: remove knownGaps["${id}"] ${stage} (${gap})`];
  }
  return [];
}

beforeAll(async () => {
  expect(
    existsSync(path.join(coreDir, "dist", "index.d.ts")),
    "build @x/oauth-core first (turbo run build)",
  ).toBe(true);
  for (const run of runs.values()) {
    run.lint = await lint(run);
    run.codegen = await generate(run);
  }
  typecheckAll([...runs.values()].filter((run) => run.codegen === undefined));
}, 180_000);
afterAll(() => workspace.cleanup());

describe("the vendor corpus", () => {
  it("holds at least 10 vendor specs, each with its source and its calls; knownGaps names only these", () => {
    expect(ids.length).toBeGreaterThanOrEqual(10);
    for (const id of ids) {
      for (const file of ["spec.yaml", "SOURCE.md", "calls.ts"]) {
        expect(existsSync(path.join(corpusDir, id, file)), `${id}/${file}`).toBe(true);
      }
    }
    expect(Object.keys(knownGaps).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it.each(ids)("%s: spec → package → typecheck → sandbox → one token call per grant", async (id) => {
    const run = runs.get(id) as SpecRun;
    const gaps = knownGaps[id] ?? {};
    const problems = [
      ...judge(id, "lint", run.lint, gaps.lint),
      ...judge(id, "codegen", run.codegen, gaps.codegen),
    ];
    if (run.codegen === undefined) problems.push(...judge(id, "typecheck", run.typecheck, gaps.typecheck));
    let sandbox: Sandbox | undefined;
    let sandboxOutcome: Outcome;
    let callOutcomes: Record<string, Outcome> = {};
    try {
      sandbox = await serve(run);
    } catch (error) {
      sandboxOutcome = message(error);
    }
    try {
      problems.push(...judge(id, "sandbox", sandboxOutcome, gaps.sandbox));
      // The calls need a package that compiles and a sandbox that serves the spec; a gap there blocks them.
      if (sandbox && run.codegen === undefined && run.typecheck === undefined) {
        const outcomes = await callGrants(run, sandbox);
        callOutcomes = outcomes;
        for (const [grant, outcome] of Object.entries(outcomes)) {
          problems.push(...judge(id, `call ${grant}`, outcome, gaps.calls?.[grant]));
        }
        const unknown = Object.keys(gaps.calls ?? {}).filter((grant) => !(grant in outcomes));
        problems.push(...unknown.map((grant) => `knownGaps["${id}"] names a grant calls.ts lacks: ${grant}`));
      } else if (!BLOCKING.some((stage) => gaps[stage] !== undefined) && problems.length === 0) {
        problems.push("no call was made, yet knownGaps lists no codegen, typecheck or sandbox gap");
      }
    } finally {
      await sandbox?.close();
    }
    const failure = `${problems.join("\n\n")}\n\nevery stage:\n${report(run, sandboxOutcome, callOutcomes)}`;
    expect(problems, failure).toEqual([]);
  });
});
