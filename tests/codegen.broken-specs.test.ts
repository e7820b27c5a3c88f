// A broken spec stops a codegen run with the file and the place, and the run writes nothing: every previously
// generated file of every provider stays byte-identical, the healthy providers' included.
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCodegen } from "../scripts/codegen/run.js";
import { scaffoldProvider } from "../scripts/codegen/scaffold.js";
import { fixturesDir } from "./codegen-helpers.js";

const root = mkdtempSync(path.join(tmpdir(), "codegen-broken-"));
const specsDir = path.join(root, "specs");
const packagesDir = path.join(root, "packages");
/** Two providers: `healthy` is edited harmlessly in every case, `broken` is broken. */
const fixtures = { healthy: "form-body", broken: "discriminated-body" } as const;
const originals = new Map<string, string>();

function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const absolute = path.join(current, name);
      if (statSync(absolute).isDirectory()) walk(absolute);
      else files.set(path.relative(dir, absolute), readFileSync(absolute, "utf8"));
    }
  };
  walk(dir);
  return files;
}

let before: Map<string, string>;

beforeAll(async () => {
  mkdirSync(specsDir, { recursive: true });
  for (const [id, fixture] of Object.entries(fixtures)) {
    const specPath = path.join(specsDir, `${id}.yaml`);
    cpSync(path.join(fixturesDir, fixture, "spec.yaml"), specPath);
    originals.set(id, readFileSync(specPath, "utf8"));
    await scaffoldProvider({ specPath, providerId: id, packagesDir });
  }
  const first = await runCodegen({ specsDir, packagesDir, ids: [], check: false });
  expect(first.code).toBe(0);
  before = filesUnder(packagesDir);
  expect([...before.keys()].filter((file) => file.includes("generated"))).toHaveLength(14);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Breaks the `broken` spec, changes the healthy one so it would be rewritten, runs codegen: the error. */
async function failedRun(edit: (text: string) => string): Promise<string> {
  writeFileSync(path.join(specsDir, "broken.yaml"), edit(originals.get("broken") as string));
  writeFileSync(
    path.join(specsDir, "healthy.yaml"),
    (originals.get("healthy") as string).replace("summary: Create a token", "summary: Create a token now"),
  );
  const error = await runCodegen({ specsDir, packagesDir, ids: [], check: false }).then(
    (result) => new Error(`the run did not fail: ${JSON.stringify(result)}`),
    (reason: unknown) => reason as Error,
  );
  expect(filesUnder(packagesDir)).toEqual(before);
  return error.message;
}

describe("a broken spec stops the run, located, and nothing is written", () => {
  it("invalid YAML: the file and the line", async () => {
    const message = await failedRun((text) => text.replace("paths:\n", "paths: [unclosed\n"));
    expect(message).toMatch(/broken\.yaml:\d+:\d+/);
  });

  it("an unresolved $ref: the file and the pointer of the reference", async () => {
    const message = await failedRun((text) =>
      text.replace("#/components/schemas/CodeRequest", "#/components/schemas/Gone"),
    );
    expect(message).toMatch(/broken\.yaml:\d+:\d+ .*#\/components\/schemas\/Gone/);
  });

  it("a missing operationId: the file and the operation", async () => {
    const message = await failedRun((text) => text.replace("      operationId: getAccessToken\n", ""));
    expect(message).toMatch(
      /broken\.yaml:\d+:\d+ error redocly\/rule\/operation-id-required: .*\(#\/paths\/~1token\/post\/operationId\)/,
    );
  });

  it("a duplicate operationId: the file and the second operation", async () => {
    const message = await failedRun((text) =>
      text.replace(
        "paths:\n",
        'paths:\n  /other:\n    get:\n      operationId: getAccessToken\n      responses:\n        "200": { description: ok, content: { application/json: { schema: { type: object } } } }\n        "400": { description: bad, content: { application/json: { schema: { type: object } } } }\n',
      ),
    );
    expect(message).toMatch(/broken\.yaml:\d+:\d+ error redocly\/operation-operationId-unique: /);
  });

  it("a form body that is not an object: the file and the body's place", async () => {
    const message = await failedRun((text) =>
      // An array of the variants: every component stays in use, so only the model objects.
      text.replace(
        /( {12}schema:\n)((?: {14}.*\n)+)/,
        (_all, head: string, block: string) =>
          `${head}              type: array\n              items:\n${block.replace(/^(?=.)/gm, "  ")}`,
      ),
    );
    expect(message).toMatch(
      /broken\.yaml:\d+:\d+: #\/paths\/~1token\/post\/requestBody\/content\/application~1x-www-form-urlencoded\/schema: a form body must be an object, not array/,
    );
  });

  it("an x-sdk-methods entry that matches no request: the file and the entry", async () => {
    const message = await failedRun((text) => text.replace("request: CodeRequest", "request: NoSuchRequest"));
    expect(message).toMatch(
      /broken\.yaml:\d+:\d+: #\/paths\/~1token\/post\/x-sdk-methods\/1\/request: "NoSuchRequest" is not one of the request body's oneOf members/,
    );
  });
});
