import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SpecDocument } from "../src/read.js";
import { parseSpecFast, readSpecFast } from "../src/read-fast.js";

const root = path.resolve(import.meta.dirname, "../../..");

/** Every YAML file of specs/ and of the test fixtures. */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(file);
    return entry.name.endsWith(".yaml") ? [file] : [];
  });
}

describe("readSpecFast", () => {
  const files = [...yamlFiles(path.join(root, "specs")), ...yamlFiles(path.join(root, "tests/fixtures"))];

  it("makes the document SpecDocument.parse makes, of every spec and fixture", () => {
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect(readSpecFast(file).document, file).toStrictEqual(SpecDocument.parse(text, file).document);
    }
  });

  it("places a problem where SpecDocument.parse places it", () => {
    const file = path.join(root, "specs/criteo.yaml");
    const text = readFileSync(file, "utf8");
    const place = "#/paths/~1oauth2~1token/post/responses";
    expect(parseSpecFast(text, "criteo.yaml").locate(place)).toEqual(
      SpecDocument.parse(text, "criteo.yaml").locate(place),
    );
    expect(parseSpecFast(text, "criteo.yaml").locate(place).line).toBeGreaterThan(1);
  });

  it("reports YAML that does not parse as SpecDocument.parse does, with its line", () => {
    const broken = "openapi: 3.0.3\ninfo:\n  title: [unclosed\n";
    const failure = (parse: () => unknown) => {
      try {
        parse();
      } catch (error) {
        return (error as Error).message;
      }
      return "no error";
    };
    const expected = failure(() => SpecDocument.parse(broken, "t.yaml"));
    expect(expected).toMatch(/^t\.yaml:\d+:\d+: YAML: /);
    expect(failure(() => parseSpecFast(broken, "t.yaml"))).toBe(expected);
    const duplicate = "openapi: 3.0.3\nopenapi: 3.1.0\n";
    expect(failure(() => parseSpecFast(duplicate, "t.yaml"))).toBe(
      failure(() => SpecDocument.parse(duplicate, "t.yaml")),
    );
  });

  it("fails a document that is not OpenAPI at its place, like SpecDocument.parse", () => {
    expect(() => parseSpecFast("title: no openapi key\n", "t.yaml")).toThrow(
      /^t\.yaml:1:1: #\/openapi: not an OpenAPI 3 document/,
    );
  });

  it("reads the scalars where YAML 1.1 and 1.2 differ as SpecDocument.parse does", () => {
    // Dates, `yes`/`on`, underscores and leading zeros are YAML 1.1 forms: in the 1.2 core schema the first three stay
    // strings and 017 is decimal. A tag js-yaml refuses (binary) goes to SpecDocument.parse whole.
    const scalars = [
      "released: 2022-10-01",
      "stamp: 2022-10-01T10:00:00Z",
      "answer: yes",
      "flag: on",
      "big: 1_000",
      "octal: 0o17",
      "leading: 017",
      "hex: 0x1F",
      "upper: True",
      "infinite: .inf",
      "exp: 1e3",
      "version: 2022-10",
      "raw: !!binary aGk=",
    ];
    for (const line of scalars) {
      const text = `openapi: 3.0.3\ninfo:\n  x-value:\n    ${line}\n`;
      expect(parseSpecFast(text, "t.yaml").document, line).toStrictEqual(
        SpecDocument.parse(text, "t.yaml").document,
      );
    }
    const dated = parseSpecFast("openapi: 3.0.3\nx-date: 2022-10-01\n", "t.yaml").document as object;
    expect(dated).toHaveProperty("x-date", "2022-10-01");
  });
});
