// The spec gate: a spec that does not lint stops generation, naming the file and the place.
import { formatProblem, lintSpec } from "../lint-specs.js";

export class SpecGateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SpecGateError";
  }
}

export async function gateSpec(specPath: string): Promise<void> {
  const result = await lintSpec(specPath);
  const errors = result.problems.filter((problem) => problem.severity === "error");
  if (!result.ok || errors.length > 0) {
    const shown = errors.length > 0 ? errors : result.problems;
    throw new SpecGateError(`spec lint failed, nothing generated:\n${shown.map(formatProblem).join("\n")}`);
  }
}
