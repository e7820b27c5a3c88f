// The lint thread: the gate's linters in a worker thread of their own, so a codegen run lints while it generates and
// formats. One thread per process, started by the first gate with a spec to lint, or ahead of it by generate.ts.
import { type FoundProblem, findProblems, type LintInput } from "./lint-engine.js";
import { serveRequests, ToolThread } from "./tool-thread.js";

const ROLE = "spec-lint";
const thread = new ToolThread<LintInput[], FoundProblem[][]>(
  new URL("./lint-thread.mjs", import.meta.url),
  ROLE,
);

/** Starts the lint thread before its first work: its linters take about as long to load as the codegen. */
export function startLintThread(): void {
  thread.start();
}

/** Each spec's problems, found in the lint thread; the documents are copied to it, not read again. */
export function findProblemsInThread(inputs: LintInput[]): Promise<FoundProblem[][]> {
  return thread.request(inputs);
}

serveRequests<LintInput[], FoundProblem[][]>(ROLE, async (inputs) => {
  const found: FoundProblem[][] = [];
  for (const input of inputs) found.push(await findProblems(input));
  return found;
});
