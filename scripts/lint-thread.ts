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

let thread: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, Waiting>();

function start(): Worker {
  const worker = new Worker(new URL("./lint-thread.mjs", import.meta.url), { workerData: ROLE });
  const fail = (error: Error) => {
    if (thread === worker) thread = undefined;
    for (const request of waiting.values()) request.reject(error);
    waiting.clear();
  };
  worker.on("message", (reply: Reply) => {
    const request = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (waiting.size === 0) worker.unref();
    if ("error" in reply) request?.reject(new Error(reply.error));
    else request?.resolve(reply.found);
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the spec lint thread stopped (exit code ${code})`)));
  return worker;
}

/** Each spec's problems, found in the lint thread; the documents are copied to it, not read again. */
export function findProblemsInThread(inputs: LintInput[]): Promise<FoundProblem[][]> {
  thread ??= start();
  const id = nextId++;
  const found = new Promise<FoundProblem[][]>((resolve, reject) => waiting.set(id, { resolve, reject }));
  thread.ref();
  thread.postMessage({ id, inputs } satisfies Request);
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
