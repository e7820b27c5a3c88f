// A worker thread that runs one third-party tool for codegen (the linters, openapi-typescript): requests go in, their
// results come back in order. The thread starts without the TypeScript loader of this process (tsx): the tools are
// plain JavaScript, and through the loader each of their modules costs a round trip to its hooks and a scan of its
// source. Only work in progress keeps the process alive.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

type Reply<Result> = { id: number; result: Result } | { id: number; error: string };

interface Waiting<Result> {
  resolve(result: Result): void;
  reject(error: Error): void;
}

/** This process's options without the ones that load tsx (`--import tsx`, tsx's `--require`/`--import` pair). */
export function execArgvWithoutTsx(execArgv: readonly string[] = process.execArgv): string[] {
  const loadsTsx = (value: string | undefined) => value !== undefined && /(^|[\\/])tsx([\\/@]|$)/.test(value);
  const kept: string[] = [];
  for (let index = 0; index < execArgv.length; index++) {
    const arg = execArgv[index] as string;
    const [flag, inline] = arg.split(/=(.*)/s);
    const takesModule = ["--import", "--require", "-r", "--loader", "--experimental-loader"].includes(
      flag ?? "",
    );
    if (takesModule && inline === undefined && loadsTsx(execArgv[index + 1])) index++;
    else if (!(takesModule && loadsTsx(inline))) kept.push(arg);
  }
  return kept;
}

export class ToolThread<Request, Result> {
  #worker: Worker | undefined;
  #nextId = 0;
  readonly #waiting = new Map<number, Waiting<Result>>();

  constructor(
    /** The thread's entry module (plain JavaScript). */
    readonly entry: URL,
    /** Names the thread's role to its entry, which serves requests only in a thread of that role. */
    readonly role: string,
  ) {}

  /** Starts the thread ahead of its first request, so its modules load while this thread loads its own. */
  start(): void {
    this.#worker ??= this.#spawn();
  }

  request(input: Request): Promise<Result> {
    this.start();
    const worker = this.#worker as Worker;
    const id = this.#nextId++;
    const result = new Promise<Result>((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
    worker.ref();
    worker.postMessage({ id, input });
    return result;
  }

  #spawn(): Worker {
    const worker = new Worker(this.entry, { workerData: this.role, execArgv: execArgvWithoutTsx() });
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const request of this.#waiting.values()) request.reject(error);
      this.#waiting.clear();
    };
    worker.on("message", (reply: Reply<Result>) => {
      const request = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if (this.#waiting.size === 0) worker.unref();
      if ("error" in reply) request?.reject(new Error(reply.error));
      else request?.resolve(reply.result);
    });
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the ${this.role} thread stopped (exit code ${code})`)));
    worker.unref(); // listening refs it; a thread started ahead of work keeps nothing alive
    return worker;
  }
}

/** In a thread of `role`: answers each request with `handle`'s result, or its error's message. */
export function serveRequests<Request, Result>(
  role: string,
  handle: (input: Request) => Promise<Result>,
): void {
  if (isMainThread || workerData !== role) return;
  parentPort?.on("message", async ({ id, input }: { id: number; input: Request }) => {
    try {
      parentPort?.postMessage({ id, result: await handle(input) } satisfies Reply<Result>);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      parentPort?.postMessage({ id, error: message } satisfies Reply<Result>);
    }
  });
}
