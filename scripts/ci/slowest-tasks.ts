// Prints the slowest tasks of the latest turbo run summary (.turbo/runs/*.json, written by `turbo run --summarize`),
// so a CI log says where its time went.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

interface TaskSummary {
  taskId: string;
  cache: { status: string };
  execution?: { startTime: number; endTime: number };
}

const runs = path.resolve(import.meta.dirname, "../../.turbo/runs");
const latest = readdirSync(runs)
  .filter((file) => file.endsWith(".json"))
  .map((file) => path.join(runs, file))
  .sort(
    (a, b) =>
      JSON.parse(readFileSync(b, "utf8")).execution.startTime -
      JSON.parse(readFileSync(a, "utf8")).execution.startTime,
  )[0];
if (!latest) throw new Error(`${runs}: no turbo run summary`);

const count = Number(process.argv[2] ?? 5);
const tasks: TaskSummary[] = JSON.parse(readFileSync(latest, "utf8")).tasks;
const timed = tasks
  .flatMap(({ taskId, cache, execution }) =>
    execution ? [{ id: taskId, cache: cache.status, ms: execution.endTime - execution.startTime }] : [],
  )
  .sort((a, b) => b.ms - a.ms)
  .slice(0, count);
for (const task of timed)
  console.log(`${(task.ms / 1000).toFixed(1).padStart(7)} s  ${task.id} (${task.cache})`);
