// The lint thread: the gate's linters in a worker thread of their own, so a codegen run lints while it generates and
// formats. One thread per process, started by the first gate with a spec to lint; it keeps the process alive only
// while it has work.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { type FoundProblem, findProblems, type LintInput } from "./lint-engine.js";

interface Request {
  id: number;
  inputs: LintInput[];
}

type Reply = { id: number; found: FoundProblem[][] } | { id: number; error: string };

const ROLE = "spec-lint";

interface Waiting {
  resolve(found: FoundProblem[][]): void;
  reject(error: Error): void;
}

interface LintThread {
  worker: Worker;
  waiting: Map<number, Waiting>;
  /** Whether it has been given work (a thread started ahead of work may turn out to have none). */
  used: boolean;
}

let thread: LintThread | undefined;
let nextId = 0;

function start(): LintThread {
  const worker = new Worker(new URL("./lint-thread.mjs", import.meta.url), { workerData: ROLE });
  const started: LintThread = { worker, waiting: new Map(), used: false };
  const fail = (error: Error) => {
    if (thread === started) thread = undefined;
    for (const request of started.waiting.values()) request.reject(error);
    started.waiting.clear();
  };
  worker.on("message", (reply: Reply) => {
    const request = started.waiting.get(reply.id);
    started.waiting.delete(reply.id);
    if (started.waiting.size === 0) worker.unref();
    if ("error" in reply) request?.reject(new Error(reply.error));
    else request?.resolve(reply.found);
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the spec lint thread stopped (exit code ${code})`)));
  // Listening refs the thread; only work in progress keeps the process alive.
  worker.unref();
  return started;
}

/**
 * Starts the lint thread ahead of its first work: it takes about as long to start as the codegen takes to load.
 */
export function startLintThread(): void {
  thread ??= start();
}

/** Stops a thread started ahead of work that no spec needs (every spec linted clean before). */
export function stopUnusedLintThread(): void {
  if (thread === undefined || thread.used) return;
  const { worker } = thread;
  thread = undefined;
  void worker.terminate();
}

/** Each spec's problems, found in the lint thread; the documents are copied to it, not read again. */
export function findProblemsInThread(inputs: LintInput[]): Promise<FoundProblem[][]> {
  thread ??= start();
  const { worker, waiting } = thread;
  thread.used = true;
  const id = nextId++;
  const found = new Promise<FoundProblem[][]>((resolve, reject) => waiting.set(id, { resolve, reject }));
  worker.ref();
  worker.postMessage({ id, inputs } satisfies Request);
  return found;
}

if (!isMainThread && workerData === ROLE) {
  parentPort?.on("message", async ({ id, inputs }: Request) => {
    try {
      const found: FoundProblem[][] = [];
      for (const input of inputs) found.push(await findProblems(input));
      parentPort?.postMessage({ id, found } satisfies Reply);
    } catch (error) {
      parentPort?.postMessage({
        id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies Reply);
    }
  });
}
