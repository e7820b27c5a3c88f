// The first call in a fresh Node process: from process start to the parsed token, for each provider package (its
// built `dist` through `exports`, as Node resolves it) against raw fetch making a token request to the same server.
// Samples alternate between the sides; the ratio is of the medians.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { allEntries, type BundleEntry, plainFetchEntry, repoRoot } from "./entries.js";
import { median } from "./throughput.js";
import { startTokenServer } from "./token-server.js";

const run = promisify(execFile);

/** Passed as the entries' `report`: prints the milliseconds since the process started, once the token is there. */
const reportElapsed = `((token) => console.log(JSON.stringify({ ms: performance.now(), token: typeof token === "string" })))`;

export interface ColdStartResult {
  readonly name: string;
  /** Median milliseconds from process start to the parsed token. */
  readonly ms: number;
  /** Against raw fetch in the same run (1.00× = as fast). */
  readonly ratioToRawFetch: number;
}

async function firstCallMs(entry: BundleEntry, baseUrl: string): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    ["--input-type=module", "-e", entry.source(baseUrl, reportElapsed)],
    {
      cwd: repoRoot,
    },
  );
  const line = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as { ms?: number; token?: boolean };
  if (line.token !== true || typeof line.ms !== "number")
    throw new Error(`${entry.name}: no token in ${stdout}`);
  return line.ms;
}

export async function measureColdStart(samples = 7): Promise<ColdStartResult[]> {
  const server = await startTokenServer();
  try {
    const entries = [plainFetchEntry, ...allEntries.filter((entry) => entry !== plainFetchEntry)];
    const times = new Map<BundleEntry, number[]>(entries.map((entry) => [entry, []]));
    for (let sample = 0; sample < samples; sample++) {
      for (const entry of entries)
        times.get(entry)?.push(await firstCallMs(entry, `${server.url}/${entry.provider}`));
    }
    const raw = median(times.get(plainFetchEntry) ?? []);
    return entries.map((entry) => {
      const ms = median(times.get(entry) ?? []);
      return {
        name: entry.name === plainFetchEntry.name ? "raw fetch" : entry.name,
        ms,
        ratioToRawFetch: ms / raw,
      };
    });
  } finally {
    await server.close();
  }
}
