// A spec whose models live in another file generates as if they were in its own components: Redocly's bundler puts
// them there before the spec model reads the document.
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateProvider } from "../scripts/codegen/pipeline.js";
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
      'errors: { "400": { code: "error", message: "error_description" } }',
    );
    expect(generated.files.get("README.md")).toContain("| `access_token` |");
  });
});
