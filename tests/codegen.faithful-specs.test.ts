// Specs as vendors write them: models in another file generate as if they were in the spec's own components
// (Redocly's bundler puts them there before the spec model reads the document), and a vendor's document that breaks
// our house rules generates, with the house rules' problems printed as warnings.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateProvider } from "../scripts/codegen/pipeline.js";
import { runCodegen } from "../scripts/codegen/run.js";
import { scaffoldProvider } from "../scripts/codegen/scaffold.js";
import { repoRoot } from "../scripts/repo.js";
import { temporaryPackagesDir } from "./codegen-helpers.js";

const packages = temporaryPackagesDir();
afterAll(() => packages.cleanup());
const specPath = path.join(repoRoot, "tests/fixtures/specs/external/spec.yaml");

describe("external $refs", () => {
  it("are bundled into the generated package's types and models", async () => {
    await scaffoldProvider({ specPath, providerId: "external", packagesDir: packages.dir });
    const generated = await generateProvider({ specPath, providerId: "external", packagesDir: packages.dir });
    const schema = generated.files.get("src/generated/schema.gen.ts") ?? "";
    expect(schema).toContain("TokenRequest: {");
    expect(schema).not.toContain("schemas.yaml");
    expect(generated.files.get("src/generated/models.gen.ts")).toContain(
      'export type Token = components["schemas"]["Token"];',
    );
    // The error schema's x-sdk-error came along: the error body's code and message are read from it.
    expect(generated.files.get("src/generated/operations.gen.ts")).toContain(
      'errorFields: { "400": { code: "error", message: "error_description" } }',
    );
    expect(generated.files.get("README.md")).toContain("| `access_token` |");
  });
});

describe("a vendor spec (info.x-sdk.vendorSpec: true)", () => {
  it("generates despite house-style problems, which the run prints as warnings", async () => {
    const specsDir = path.join(packages.dir, "vendor-specs");
    const packagesDir = path.join(packages.dir, "vendor-packages");
    mkdirSync(specsDir, { recursive: true });
    const specPath = path.join(specsDir, "vendor.yaml");
    // The fixture with an error response (the spec model needs one to type the errors).
    const fixture = readFileSync(path.join(repoRoot, "tests/fixtures/specs/vendor-style.yaml"), "utf8");
    writeFileSync(
      specPath,
      fixture.replace(
        "components:\n",
        '        "400":\n          description: Error.\n          content:\n            application/json:\n              schema: { $ref: "#/components/schemas/Token" }\ncomponents:\n',
      ),
    );
    await scaffoldProvider({ specPath, providerId: "vendor", packagesDir });
    const result = await runCodegen({ specsDir, packagesDir, ids: [], check: false });
    expect(result.code).toBe(0);
    expect(result.lines[0]).toMatch(/^vendor: wrote .*src\/generated\/api\.gen\.ts/);
    expect(result.errors.map((line) => line.replace(/^.*vendor\.yaml:\d+:\d+ /, ""))).toEqual([
      "warning redocly/no-server-trailing-slash: Server `url` should not have a trailing slash. (#/servers/0/url)",
      "warning redocly/tag-description: Tag object should contain `description` field. (#/tags/0/description)",
      "warning redocly/operation-summary: Operation object should contain `summary` field. (#/paths/~1oauth~1token/post/summary)",
      expect.stringMatching(/^warning redocly\/no-invalid-media-type-examples: /),
    ]);
  });
});
