// The pipeline's guarantees: a bad spec stops generation with file and place, output is deterministic, and
// codegen touches only src/generated/ and the README section.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SpecModelError } from "@x/spec-model";
import { afterAll, describe, expect, it } from "vitest";
import { differingFiles, generateProvider } from "../scripts/codegen/pipeline.js";
import { writeGenerated } from "../scripts/codegen/write.js";
import { repoRoot } from "../scripts/repo.js";
import { fixturesDir, generateFixture, temporaryPackagesDir } from "./codegen-helpers.js";

const packages = temporaryPackagesDir();
afterAll(() => packages.cleanup());

/** A variant of the form-body fixture spec, written into the temporary folder. */
function variantSpec(name: string, edit: (text: string) => string): string {
  const text = readFileSync(path.join(fixturesDir, "form-body", "spec.yaml"), "utf8");
  const file = path.join(packages.dir, `${name}.yaml`);
  writeFileSync(file, edit(text));
  return file;
}

async function generationError(specPath: string, options: { skipGate?: boolean } = {}): Promise<Error> {
  const error = await generateProvider({
    specPath,
    providerId: "variant",
    packagesDir: packages.dir,
    ...options,
  }).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe("the spec gate", () => {
  it("stops generation on a lint error, naming the file, line and place", async () => {
    const spec = variantSpec("trailing-slash", (text) =>
      text.replace("https://form.example.test/api", "https://form.example.test/api/"),
    );
    const error = await generationError(spec);
    expect(error.name).toBe("SpecLintError");
    expect(error.message).toContain("spec lint failed, nothing generated");
    expect(error.message).toMatch(/trailing-slash\.yaml:\d+:\d+ error redocly\/no-server-trailing-slash/);
    expect(error.message).toContain("#/servers/0/url");
  });

  it("stops on YAML that does not parse", async () => {
    const spec = variantSpec("bad-yaml", (text) => `${text}\n  : : broken\n`);
    const error = await generationError(spec);
    expect(error.message).toContain("bad-yaml.yaml");
  });
});

describe("codegen's own checks name the file and the place", () => {
  it("a missing info.x-sdk", async () => {
    const spec = variantSpec("no-sdk", (text) => text.replace(/ {2}x-sdk:\n(?: {4}.*\n)+/, ""));
    const error = await generationError(spec, { skipGate: true });
    expect(error).toBeInstanceOf(SpecModelError);
    expect(error.message).toMatch(/no-sdk\.yaml:2:1: #\/info\/x-sdk: missing info\.x-sdk/);
  });

  it("a request body that is neither a form nor JSON", async () => {
    const spec = variantSpec("text-body", (text) =>
      text.replace("application/x-www-form-urlencoded:", "text/plain:"),
    );
    const error = await generationError(spec, { skipGate: true });
    expect(error.message).toContain(
      "text-body.yaml:25:9: #/paths/~1oauth~1token/post/requestBody/content: only application/x-www-form-urlencoded and JSON request bodies are supported, got text/plain",
    );
  });

  it("an x-sdk-methods entry whose request is not a oneOf member", async () => {
    const text = readFileSync(path.join(fixturesDir, "discriminated-body", "spec.yaml"), "utf8");
    const file = path.join(packages.dir, "bad-methods.yaml");
    writeFileSync(file, text.replace("request: CodeRequest", "request: NoSuchRequest"));
    const error = await generationError(file, { skipGate: true });
    expect(error.message).toContain(
      'bad-methods.yaml:33:11: #/paths/~1token/post/x-sdk-methods/1/request: "NoSuchRequest" is not one of the request body\'s oneOf members',
    );
  });

  it("x-sdk-methods entries of one name that cannot be overloads: another tag, the same request", async () => {
    const text = readFileSync(path.join(fixturesDir, "overloads", "spec.yaml"), "utf8");
    const otherTag = path.join(packages.dir, "overload-tag.yaml");
    writeFileSync(
      otherTag,
      text.replace(
        "          request: RefreshRequest",
        "          tag: other\n          request: RefreshRequest",
      ),
    );
    expect((await generationError(otherTag, { skipGate: true })).message).toContain(
      "overload-tag.yaml:32:11: #/paths/~1oauth~1token/post/x-sdk-methods/1/tag: entries named oauthToken are overloads of one method and must share its tag (oauth)",
    );
    const sameRequest = path.join(packages.dir, "overload-same.yaml");
    writeFileSync(sameRequest, text.replace("request: RefreshRequest", "request: CodeRequest"));
    expect((await generationError(sameRequest, { skipGate: true })).message).toContain(
      'overload-same.yaml:32:11: #/paths/~1oauth~1token/post/x-sdk-methods/1/request: "CodeRequest" is already the request of another oauthToken entry',
    );
  });

  it("an operation without declared errors", async () => {
    const spec = variantSpec("no-errors", (text) => text.replace(/ {8}"400":\n(?: {10}.*\n)+/, ""));
    const error = await generationError(spec, { skipGate: true });
    expect(error.message).toContain(
      "no-errors.yaml:29:7: #/paths/~1oauth~1token/post/responses: must declare its errors",
    );
  });
});

describe("ownership and determinism", () => {
  it("gives byte-identical files on every run", async () => {
    const first = await generateFixture("discriminated-body", packages.dir);
    const second = await generateFixture("discriminated-body", packages.dir);
    expect(second.files).toEqual(first.files);
  });

  it("writes only src/generated/ and the README section, and removes generated files the spec no longer makes", async () => {
    const generated = await generateFixture("form-body", packages.dir);
    const dir = generated.packageDir;
    const handWritten =
      '// my own code\nexport * from "./generated/index.gen.js";\nexport const extra = 1;\n';
    writeFileSync(path.join(dir, "src/index.ts"), handWritten);
    const readme = readFileSync(path.join(dir, "README.md"), "utf8").replace(
      "# @fixture/form-body",
      "# @fixture/form-body\n\nMy intro.",
    );
    writeFileSync(path.join(dir, "README.md"), readme);
    mkdirSync(path.join(dir, "src/generated"), { recursive: true });
    writeFileSync(path.join(dir, "src/generated/old.gen.ts"), "// stale\n");

    const again = await generateProvider({
      specPath: path.join(fixturesDir, "form-body", "spec.yaml"),
      providerId: "form-body",
      packagesDir: packages.dir,
    });
    expect(differingFiles(again)).toEqual(expect.arrayContaining(["src/generated/old.gen.ts"]));
    writeGenerated(again);
    expect(readFileSync(path.join(dir, "src/index.ts"), "utf8")).toBe(handWritten);
    expect(readFileSync(path.join(dir, "README.md"), "utf8")).toContain("My intro.");
    expect(readFileSync(path.join(dir, "README.md"), "utf8")).toContain(
      "### `TokenApi.createToken(params, options?)`",
    );
    expect(existsSync(path.join(dir, "src/generated/old.gen.ts"))).toBe(false);
    expect(differingFiles(again)).toEqual([]);
  });

  it("reports a hand-edited generated file as drift", async () => {
    const generated = await generateFixture("query-get", packages.dir);
    writeGenerated(generated);
    const file = path.join(generated.packageDir, "src/generated/api.gen.ts");
    writeFileSync(file, `${readFileSync(file, "utf8")}// edited\n`);
    expect(differingFiles(generated)).toEqual(["src/generated/api.gen.ts"]);
  });

  it("refuses a README without the markers instead of overwriting it", async () => {
    const specPath = path.join(fixturesDir, "basic-auth", "spec.yaml");
    const dir = path.join(packages.dir, "basic-auth");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "README.md"), "# mine\n");
    await expect(
      generateProvider({ specPath, providerId: "basic-auth", packagesDir: packages.dir }),
    ).rejects.toThrow(
      /basic-auth\/README\.md: needs the markers <!-- codegen:start --> and <!-- codegen:end -->/,
    );
  });
});

describe("scripts/generate.ts", () => {
  it("rejects an unknown provider with the list of known ones", () => {
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/generate.ts", "no-such-provider"],
      {
        cwd: repoRoot,
        encoding: "utf8",
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/no spec for no-such-provider in specs\/ \(known: .*douyin/);
  });
});
