// The sandbox under load: requests per second and p50/p99 latency at 100 connections (autocannon), and its resident
// memory after 30,000 and after 300,000 issued tokens. Every request is Criteo's client_credentials grant, which
// issues and stores a new access token. The sandbox runs as its CLI in its own process, the load comes from this one.
//
// Between batches of 30,000 tokens the sandbox clock is moved on by an hour, past every token's lifetime, as a long
// run would: a sandbox that evicts expired tokens holds one batch's tokens at a time, one that does not holds all.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { repoRoot } from "./entries.js";

export interface SandboxLoadResult {
  readonly connections: number;
  readonly durationSeconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Requests that did not get a 2xx, or failed on the socket. */
  readonly failed: number;
}

export interface SandboxMemoryResult {
  readonly tokensPerBatch: number;
  /** RSS in MB after each batch; the first is after 30,000 tokens, the last after 300,000. */
  readonly rssMbAfterBatch: readonly number[];
  readonly rssMbAt30k: number;
  readonly rssMbAt300k: number;
  /** The highest of the batches' figures. */
  readonly rssMbPeak: number;
  /** 300k figure / 30k figure (the goal: within 2×). */
  readonly ratio: number;
  readonly failed: number;
}

export interface SandboxResult {
  readonly load: SandboxLoadResult;
  readonly memory: SandboxMemoryResult;
}

const CONNECTIONS = 100;
const TOKENS_PER_BATCH = 30_000;
const BATCHES = 10;
const HOUR = 3600;

const tokenRequest = {
  method: "POST" as const,
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: "grant_type=client_credentials&client_id=sandbox-criteo-client&client_secret=sandbox-criteo-secret",
};

interface RunningSandbox {
  readonly url: string;
  readonly child: ChildProcess;
}

async function startSandboxProcess(): Promise<RunningSandbox> {
  const cli = join(repoRoot, "packages", "oauth-sandbox", "dist", "cli.js");
  const child = spawn(process.execPath, [cli, "--port", "0", "--json", "--quiet", "--providers", "criteo"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = await Promise.race([
    createInterface({ input: child.stdout as NodeJS.ReadableStream })
      [Symbol.asyncIterator]()
      .next()
      .then((next) => [next.value as string]),
    new Promise<never>((_, reject) =>
      child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}`))),
    ),
  ]);
  const { url } = JSON.parse(line ?? "{}") as { url: string };
  return { url, child };
}

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

type LoadOptions = { duration: number } | { amount: number };

async function load(url: string, options: LoadOptions): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/criteo/oauth2/token`,
    connections: CONNECTIONS,
    ...tokenRequest,
    ...options,
  });
}

const failures = (result: autocannon.Result) => result.non2xx + result.errors + result.timeouts;

async function advanceClock(url: string, seconds: number): Promise<void> {
  const response = await fetch(`${url}/_sandbox/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advance: seconds }),
  });
  if (!response.ok) throw new Error(`POST /_sandbox/clock answered ${response.status}`);
  await response.arrayBuffer();
}

export async function measureSandbox(durationSeconds = 8): Promise<SandboxResult> {
  // Two sandboxes, so the memory figure starts from a fresh process rather than from the load run's heap.
  const loaded = await startSandboxProcess();
  let loadResult: SandboxLoadResult;
  try {
    await load(loaded.url, { duration: 2 });
    const result = await load(loaded.url, { duration: durationSeconds });
    loadResult = {
      connections: CONNECTIONS,
      durationSeconds,
      requestsPerSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      failed: failures(result),
    };
  } finally {
    loaded.child.kill();
  }

  const fresh = await startSandboxProcess();
  try {
    const rss: number[] = [];
    let failed = 0;
    for (let batch = 0; batch < BATCHES; batch++) {
      failed += failures(await load(fresh.url, { amount: TOKENS_PER_BATCH }));
      rss.push(rssMb(fresh.child.pid ?? 0));
      await advanceClock(fresh.url, HOUR);
    }
    const first = rss[0] ?? 0;
    const last = rss.at(-1) ?? 0;
    return {
      load: loadResult,
      memory: {
        tokensPerBatch: TOKENS_PER_BATCH,
        rssMbAfterBatch: rss,
        rssMbAt30k: first,
        rssMbAt300k: last,
        rssMbPeak: Math.max(...rss),
        ratio: last / first,
        failed,
      },
    };
  } finally {
    fresh.child.kill();
  }
}
