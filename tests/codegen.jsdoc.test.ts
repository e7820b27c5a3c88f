// What a reader sees in the generated code's hovers: invisible characters written as escapes, and aliases of scalar
// types resolved to the type itself (Douyin's expires_in is `number | string`, not an indexed access).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { components, ExpiresIn } from "@x/douyin-oauth";
import { describe, expect, expectTypeOf, it } from "vitest";
import { visible } from "../scripts/codegen/emit-code.js";

const root = join(import.meta.dirname, "..");
const INVISIBLE = /[\p{Cf}\u00A0\u2028\u2029]/u;

function generatedFiles(): string[] {
  return ["douyin-oauth", "avito-auth", "pinterest-oauth", "criteo-oauth"].flatMap((name) => {
    const dir = join(root, "packages", name, "src", "generated");
    return readdirSync(dir)
      .filter((file) => file.endsWith(".gen.ts") && file !== "schema.gen.ts")
      .map((file) => join(dir, file));
  });
}

describe("generated JSDoc", () => {
  it("writes invisible characters as escapes", () => {
    expect(visible("/token\u200E\u200E")).toBe("/token\\u200E\\u200E");
    expect(visible("a\u00A0b\u2028c\uFEFF")).toBe("a\\u00A0b\\u2028c\\uFEFF");
    expect(visible("line\n\tindented, 中文 text")).toBe("line\n\tindented, 中文 text");
  });

  it("leaves no invisible character in any generated comment (Avito's original paths carry U+200E)", () => {
    const avito = readFileSync(join(root, "packages/avito-auth/src/generated/api.gen.ts"), "utf8");
    expect(avito).toContain('The original client requested "/token\\u200E".');
    for (const file of generatedFiles()) {
      const comments = readFileSync(file, "utf8").match(/\/\*\*[\s\S]*?\*\//g) ?? [];
      for (const comment of comments) expect(INVISIBLE.test(comment), `${file}: ${comment}`).toBe(false);
    }
  });

  it("resolves an alias of a scalar union to the type itself", () => {
    const models = readFileSync(join(root, "packages/douyin-oauth/src/generated/models.gen.ts"), "utf8");
    expect(models).toContain("export type ExpiresIn = number | string;");
    expect(models).toContain("export type ErrorCode = number | string;");
    // An object model stays the component, whose members a hover lists.
    expect(models).toContain('export type AccessTokenSuccess = components["schemas"]["AccessTokenSuccess"];');
    expectTypeOf<ExpiresIn>().toEqualTypeOf<components["schemas"]["ExpiresIn"]>();
  });
});
