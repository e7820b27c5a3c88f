// A team's shared turbo cache, end to end: a self-hosted remote cache on 127.0.0.1 with a token; one fresh
// clone runs the pipeline and uploads every task, a second fresh clone with an empty local cache gets every
// task from the remote (FULL TURBO), and a wrong token is refused and the tasks simply run. `.env` files with
// a secret sit in the first clone and are never a task input nor inside any uploaded artifact.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { copyWorkingTree } from "../scripts/release/copy-working-tree.js";
import { repoRoot } from "../scripts/repo.js";
import { run, runPnpm } from "../scripts/workspace.js";
import { installRemoteCacheServer, type RemoteCache, startRemoteCache } from "./remote-cache/server.js";

/** A cheap subset of the pipeline: two providers' codegen (a few seconds each; a build would take a minute). */
const tasks = ["generate", "--filter=@x/criteo-oauth", "--filter=@x/douyin-oauth"];
/**
 * The task logs turbo keeps in each artifact (the generated files themselves are committed, and inputs of the task):
 * absent from a fresh clone, so present only once a task ran or came down from the cache.
 */
const taskLogs = ["packages/criteo-oauth", "packages/douyin-oauth"].map(
  (pkg) => `${pkg}/.turbo/turbo-generate.log`,
);
const presentLogs = (dir: string) => taskLogs.filter((log) => existsSync(path.join(dir, log)));
const team = "oauth-sdks";
const token = randomBytes(16).toString("hex");
const secret = `not-for-the-cache-${randomBytes(8).toString("hex")}`;

let work: string;
let cache: RemoteCache;
let first: string;
let second: string;

interface TaskSummary {
  taskId: string;
  hash: string;
  cache: { status: "HIT" | "MISS"; source?: "LOCAL" | "REMOTE" };
}

/** The environment of a developer's shell pointed at the team cache; nothing of the outer run leaks in. */
function teamEnv(withToken: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TURBO_")));
  return {
    ...env,
    TURBO_API: cache.url,
    TURBO_TEAM: team,
    TURBO_TOKEN: withToken,
    TURBO_TELEMETRY_DISABLED: "1",
    REDOCLY_TELEMETRY: "off",
  };
}

/** The clone's own turbo, run directly (through `pnpm exec`, pnpm would take `--filter` for itself). */
const turboBin = (dir: string) => path.join(dir, "node_modules/.bin/turbo");

async function freshClone(name: string): Promise<string> {
  const dir = path.join(work, name);
  mkdirSync(dir);
  copyWorkingTree(repoRoot, dir);
  await runPnpm(["install", "--frozen-lockfile", "--offline"], {
    cwd: dir,
    env: teamEnv(token),
    timeoutMs: 600_000,
  });
  return dir;
}

/** Runs the tasks in a clone; returns turbo's output and its run summary's tasks. */
async function pipeline(dir: string, withToken: string): Promise<{ output: string; tasks: TaskSummary[] }> {
  rmSync(path.join(dir, ".turbo/runs"), { recursive: true, force: true });
  const { stdout, stderr } = await run(
    turboBin(dir),
    ["run", ...tasks, "--summarize", "--output-logs=errors-only"],
    {
      cwd: dir,
      env: teamEnv(withToken),
      timeoutMs: 900_000,
    },
  );
  const runs = path.join(dir, ".turbo/runs");
  const [summaryFile] = readdirSync(runs).filter((file) => file.endsWith(".json"));
  if (!summaryFile) throw new Error(`turbo wrote no run summary:\n${stdout}`);
  const summary = JSON.parse(readFileSync(path.join(runs, summaryFile), "utf8")) as { tasks: TaskSummary[] };
  // Tasks a package has no script for run nothing and cache nothing.
  const real = summary.tasks.filter((task) => (task as { command?: string }).command !== "<NONEXISTENT>");
  return { output: `${stdout}\n${stderr}`, tasks: real };
}

/** Every artifact the cache holds for the team, with its modification time. */
function artifacts(): Map<string, number> {
  const dir = path.join(cache.storage, team);
  if (!existsSync(dir)) return new Map();
  return new Map(readdirSync(dir).map((file) => [file, statSync(path.join(dir, file)).mtimeMs]));
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), "oauth-sdks-remote-cache-"));
  await installRemoteCacheServer(process.env);
  cache = await startRemoteCache(path.join(work, "storage"), token);
  first = await freshClone("first");
  for (const file of [".env", "packages/criteo-oauth/.env", "packages/douyin-oauth/.env.local"]) {
    writeFileSync(path.join(first, file), `CRITEO_CLIENT_SECRET=${secret}\n`);
  }
  second = await freshClone("second");
});

afterAll(async () => {
  await cache?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("a self-hosted remote turbo cache", () => {
  test("the first clone runs every task and uploads each one", async () => {
    const { tasks: ran } = await pipeline(first, token);
    console.log(
      `first clone: ${ran.length} tasks: ${ran.map((task) => `${task.taskId} ${task.cache.status}`).join(", ")}`,
    );
    expect(ran.map((task) => task.taskId).sort()).toEqual([
      "@x/criteo-oauth#generate",
      "@x/douyin-oauth#generate",
    ]);
    expect(ran.filter((task) => task.cache.status !== "MISS")).toEqual([]);
    const stored = artifacts();
    expect(ran.filter((task) => ![...stored.keys()].some((file) => file.startsWith(task.hash)))).toEqual([]);
  });

  test("a second fresh clone with an empty local cache gets every task from the remote: FULL TURBO", async () => {
    expect(existsSync(path.join(second, ".turbo/cache"))).toBe(false);
    expect(presentLogs(second)).toEqual([]);
    const { output, tasks: replayed } = await pipeline(second, token);
    const summaryLine = /Cached:\s+\d+ cached, \d+ total/.exec(output)?.[0];
    console.log(`second clone: ${summaryLine} ${output.includes(">>> FULL TURBO") ? ">>> FULL TURBO" : ""}`);
    expect(output).toContain(">>> FULL TURBO");
    expect(summaryLine).toBe(`Cached:    ${replayed.length} cached, ${replayed.length} total`);
    expect(replayed.filter((task) => task.cache.status !== "HIT" || task.cache.source !== "REMOTE")).toEqual(
      [],
    );
    // The artifacts came down with the hits.
    expect(presentLogs(second)).toEqual(taskLogs);
  });

  test("a wrong token is refused, and the tasks run instead of failing", async () => {
    const [stored] = [...artifacts().keys()];
    const artifactUrl = `${cache.url}/v8/artifacts/${stored}?slug=${team}`;
    const read = (bearer: string) => fetch(artifactUrl, { headers: { authorization: `Bearer ${bearer}` } });
    expect((await read(token)).status).toBe(200);
    expect((await read("wrong-token")).status).toBe(401);
    const before = artifacts();
    rmSync(path.join(second, ".turbo/cache"), { recursive: true, force: true });
    for (const log of taskLogs) rmSync(path.join(second, log));
    const { output, tasks: ran } = await pipeline(second, "wrong-token");
    const warnings = output.split("\n").filter((line) => /remote|401|unauthori[sz]ed/i.test(line));
    console.log(
      `wrong token: ${/Cached:\s+\d+ cached, \d+ total/.exec(output)?.[0]}\n${warnings.join("\n")}`,
    );
    expect(ran.filter((task) => task.cache.status !== "MISS")).toEqual([]);
    expect(presentLogs(second)).toEqual(taskLogs);
    // Nothing was written with the wrong token.
    expect(artifacts()).toEqual(before);
  });

  test("no .env file is an input of any task, and no artifact holds its secret", async () => {
    // Every task of the test command's turbo run (`pnpm verify`).
    const manifest = JSON.parse(readFileSync(path.join(first, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    const verifyTasks = (manifest.scripts.verify ?? "").replace(/^turbo run /, "").split(" ");
    const { stdout } = await run(turboBin(first), ["run", ...verifyTasks, "--dry=json"], {
      cwd: first,
      env: teamEnv(token),
      timeoutMs: 300_000,
    });
    const dry = JSON.parse(stdout.slice(stdout.indexOf("{"))) as {
      tasks: Array<{ taskId: string; inputs: Record<string, string> }>;
    };
    expect(dry.tasks.length).toBeGreaterThan(10);
    const withEnv = dry.tasks.flatMap((task) =>
      Object.keys(task.inputs)
        .filter((file) => /(^|\/)\.env/.test(file))
        .map((file) => `${task.taskId}: ${file}`),
    );
    expect(withEnv).toEqual([]);
    // Artifacts are zstd-compressed tarballs, opened with the zstd command (Node 20 has no zstd).
    const dir = path.join(cache.storage, team);
    const files = readdirSync(dir);
    const found = files.filter((file) => {
      const bytes = readFileSync(path.join(dir, file));
      const tar =
        bytes[0] === 0x28 && bytes[1] === 0xb5 ? execFileSync("zstd", ["-dc"], { input: bytes }) : bytes;
      return tar.includes(secret) || tar.includes(".env\0") || tar.includes(".env.local\0");
    });
    expect(files.length).toBeGreaterThan(0);
    expect(found).toEqual([]);
  });
});
