// The spec lint's example check (examples/example-matches-schema, scripts/redocly-examples.mjs) against Redocly's
// own example rules as `recommended` configures them: on every spec and fixture, the same example values flagged at
// the same places (JSON pointer, line and column; the wording is ours), but for the differences listed below; and a
// wrong example fails the gate at its file, line and place.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as redocly from "@redocly/openapi-core";
import { SpecDocument } from "@x/spec-model";
import { describe, expect, it } from "vitest";
import { formatProblem, gateSpecs, SpecLintError } from "../scripts/lint-specs.js";
import { repoRoot as root } from "../scripts/repo.js";

const configPath = path.join(root, "redocly.yaml");
const REDOCLY_RULES = [
  "no-invalid-media-type-examples",
  "no-invalid-schema-examples",
  "no-invalid-parameter-examples",
];
const OUR_RULE = "examples/example-matches-schema";
const badExamples = path.join(root, "tests/fixtures/specs/bad-examples.yaml");

/** Places where our check and Redocly's differ on purpose: file -> pointer -> why. */
const DIFFERENCES: Record<string, Record<string, { ours: boolean; reason: string }>> = {
  "tests/fixtures/specs/bad-examples.yaml": {
    "#/components/schemas/Animal/example/name": {
      ours: true,
      reason:
        "a schema with a discriminator and no oneOf/anyOf (allOf inheritance): Redocly's Ajv refuses the " +
        "discriminator and leaves the example unchecked; ours checks it, open to the subtypes' extra properties",
    },
  },
};

function specFiles(): string[] {
  const yamlIn = (dir: string) =>
    readdirSync(path.join(root, dir))
      .filter((name) => name.endsWith(".yaml"))
      .map((name) => path.join(root, dir, name));
  const codegen = path.join(root, "tests/fixtures/codegen");
  return [
    ...yamlIn("specs"),
    ...yamlIn("tests/fixtures/specs"),
    ...readdirSync(codegen).map((name) => path.join(codegen, name, "spec.yaml")),
  ];
}

/** redocly.yaml as it is, or with Redocly's example rules back as `recommended` sets them and ours off. */
async function loadConfig(withRedoclysRules: boolean): Promise<redocly.Config> {
  const raw = redocly.parseYaml(readFileSync(configPath, "utf8")) as {
    rules: Record<string, string | object>;
  };
  const rules = { ...raw.rules };
  if (withRedoclysRules) {
    for (const rule of REDOCLY_RULES) delete rules[rule];
    rules[OUR_RULE] = "off";
  }
  return redocly.createConfig({ ...raw, rules } as Parameters<typeof redocly.createConfig>[0], {
    configPath,
  });
}

/** The distinct places (`pointer line:col`) that the example rules flag in one file. */
async function flaggedPlaces(config: redocly.Config, file: string): Promise<string[]> {
  const text = readFileSync(file, "utf8");
  const problems = await redocly.lintDocument({
    document: { source: new redocly.Source(file, text), parsed: redocly.parseYaml(text) },
    config,
    externalRefResolver: new redocly.BaseResolver(config.resolve),
  });
  const places = problems
    .filter((problem) => problem.ruleId === OUR_RULE || REDOCLY_RULES.includes(problem.ruleId))
    .map((problem) => {
      const location = problem.location[0] as redocly.LocationObject;
      const { line, col } = redocly.getLineColLocation(location).start;
      return `${location.pointer} ${line}:${col}`;
    });
  return [...new Set(places)].sort();
}

const pointerOf = (place: string) => place.slice(0, place.lastIndexOf(" "));

describe("example check", () => {
  it("flags the example values Redocly's own rules flag, on every spec and fixture", async () => {
    const [redoclys, ours] = await Promise.all([loadConfig(true), loadConfig(false)]);
    const counts: Record<string, { ours: number; redocly: number }> = {};
    for (const file of specFiles()) {
      const relative = path.relative(root, file);
      const [theirPlaces, ourPlaces] = await Promise.all([
        flaggedPlaces(redoclys, file),
        flaggedPlaces(ours, file),
      ]);
      counts[relative] = { ours: ourPlaces.length, redocly: theirPlaces.length };
      const differences = DIFFERENCES[relative] ?? {};
      const differs = (place: string) => pointerOf(place) in differences;
      // Everywhere else, the same places.
      expect(
        ourPlaces.filter((place) => !differs(place)),
        relative,
      ).toEqual(theirPlaces.filter((place) => !differs(place)));
      // Where they differ, exactly as listed.
      for (const [pointer, { ours: flagged, reason }] of Object.entries(differences)) {
        const because = `${relative} ${pointer}: ${reason}`;
        expect(ourPlaces.map(pointerOf).includes(pointer), because).toBe(flagged);
        expect(theirPlaces.map(pointerOf).includes(pointer), because).toBe(!flagged);
      }
    }
    console.table(counts);
    // Not vacuous: the bad-examples fixture alone has many.
    expect(counts["tests/fixtures/specs/bad-examples.yaml"]?.redocly).toBeGreaterThanOrEqual(10);
  });

  it("a wrong example fails the gate at its file, line and place", async () => {
    const spec = SpecDocument.read(badExamples, path.relative(root, badExamples));
    const error = await gateSpecs([{ path: badExamples, spec }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecLintError);
    const lines = (error as SpecLintError).problems.map(formatProblem);
    expect(lines).toContain(
      "tests/fixtures/specs/bad-examples.yaml:63:29 warning redocly/examples/example-matches-schema: " +
        "example does not match its schema: `expires_in` must be integer " +
        "(#/paths/~1oauth~1token/post/responses/200/content/application~1json/example/expires_in)",
    );
  });
});
