// The spec lint's example check is Redocly's own (no-invalid-media-type-examples, no-invalid-parameter-examples,
// no-invalid-schema-examples, as `recommended` configures them): a wrong example fails the gate of our own specs at
// its file, line and place.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem, gateError, readSpecs } from "../scripts/lint/specs.js";
import { repoRoot as root } from "../scripts/repo.js";

const badExamples = path.join(root, "tests/fixtures/specs/bad-examples.yaml");

describe("example check", () => {
  it("flags every kind of wrong example value the fixture holds", async () => {
    const [read] = await readSpecs([badExamples]);
    const rules = new Set(read?.problems.map((p) => p.rule));
    expect([...rules].sort()).toEqual([
      "no-invalid-media-type-examples",
      "no-invalid-parameter-examples",
      "no-invalid-schema-examples",
    ]);
    const messages = read?.problems.map((p) => p.message).join("\n");
    // Wrong type, enum, a missing required field, an undeclared field, and a readOnly / writeOnly field on the wrong side.
    for (const kind of [
      "type must be integer",
      "must be equal to one of the allowed values",
      "must have required property 'code'",
      "must NOT have unevaluated properties `extra`",
      "`id` property must NOT be present in request context",
      "`id` property must NOT be present in response context",
    ]) {
      expect(messages).toContain(kind);
    }
  });

  it("a wrong example fails the gate at its file, line and place", async () => {
    const error = gateError(await readSpecs([badExamples]));
    expect(error?.problems.map(formatProblem)).toContain(
      "tests/fixtures/specs/bad-examples.yaml:63:29 warning redocly/no-invalid-media-type-examples: " +
        "Example value must conform to the schema: `expires_in` property type must be integer. " +
        "(#/paths/~1oauth~1token/post/responses/200/content/application~1json/example/expires_in)",
    );
  });
});
