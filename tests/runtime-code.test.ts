// scripts/check-runtime-code.ts: runtime code that reaches for Node is found, with file and position, and
// code that merely looks like it (a local `process`, a `Buffer` key) is not.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { findNodeOnlyCode, runtimeSourceFiles } from "../scripts/check-runtime-code.js";

const work = mkdtempSync(path.join(os.tmpdir(), "oauth-sdks-runtime-code-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const full = path.join(work, name);
  writeFileSync(full, text);
  return full;
}

describe("check-runtime-code", () => {
  test("finds Node built-in imports and Node-only globals", () => {
    const bad = file(
      "bad.ts",
      [
        'import { readFileSync } from "node:fs";',
        'import path from "path";',
        'export { inspect } from "node:util";',
        "export const home = process.env.HOME;",
        'export const bytes = Buffer.from("x");',
        "export const here = __dirname;",
        'export const loaded = require("crypto");',
        "export const viaGlobal = globalThis.process;",
        'export const later = () => import("node:os");',
        "export const tick = () => setImmediate(() => readFileSync(path.sep));",
        "export const pid = globalThis.process.pid;",
      ].join("\n"),
    );
    const messages = findNodeOnlyCode([bad]).map(
      (finding) => `${finding.line}:${finding.column} ${finding.message}`,
    );
    expect(messages).toEqual([
      '1:30 imports the Node built-in module "node:fs"',
      '2:18 imports the Node built-in module "path"',
      '3:25 imports the Node built-in module "node:util"',
      '4:21 uses the Node-only global "process"',
      '5:22 uses the Node-only global "Buffer"',
      '6:21 uses the Node-only global "__dirname"',
      '7:23 uses the Node-only global "require"',
      '7:31 imports the Node built-in module "crypto"',
      '8:37 uses the Node-only global "process"',
      '9:35 imports the Node built-in module "node:os"',
      '10:27 uses the Node-only global "setImmediate"',
      '11:31 uses the Node-only global "process"',
    ]);
  });

  test("leaves alone local names, property names, web globals, feature detection and types", () => {
    const good = file(
      "good.ts",
      [
        "const process = { env: {} as Record<string, string> };",
        "export const env = process.env;",
        "export const keys = { Buffer: 1, require: true };",
        "export interface Options { process?: string; global?: boolean }",
        "export const read = (options: Options) => options.process;",
        'export const url = new URL("https://example.test");',
        'export const bytes = new TextEncoder().encode(btoa("x"));',
        "export const later = (f: () => void) => setTimeout(f, 0);",
        // Feature detection and types run (or vanish) anywhere.
        'export const onNode = typeof process !== "undefined" && typeof globalThis.process === "object";',
        'export const fs = () => globalThis.process?.getBuiltinModule?.("node:fs/promises");',
        'import type { Stats } from "node:fs";',
        "export type Size = Stats['size'];",
        'export type Promises = typeof import("node:fs/promises");',
      ].join("\n"),
    );
    expect(findNodeOnlyCode([good])).toEqual([]);
  });

  test("fails when @x/oauth-core's own code gains a node: import", () => {
    const copy = path.join(work, "oauth-core-src");
    cpSync(path.resolve(import.meta.dirname, "../packages/oauth-core/src"), copy, { recursive: true });
    const index = path.join(copy, "index.ts");
    writeFileSync(
      index,
      `import { Buffer } from "node:buffer";\n${readFileSync(index, "utf8")}\nvoid Buffer;\n`,
    );
    const findings = findNodeOnlyCode([index]);
    expect(findings.map((finding) => finding.message)).toEqual([
      'imports the Node built-in module "node:buffer"',
    ]);
  });

  test("covers every package's src except the Node-only sandbox, and no tests", () => {
    const files = runtimeSourceFiles().map((full) =>
      path.relative(path.resolve(import.meta.dirname, ".."), full),
    );
    for (const pkg of ["oauth-core", "criteo-oauth", "douyin-oauth", "avito-auth", "pinterest-oauth"]) {
      expect(files.some((name) => name.startsWith(`packages/${pkg}/src/`))).toBe(true);
    }
    expect(files.filter((name) => name.includes("oauth-sandbox") || /\.test(-d)?\.ts$/.test(name))).toEqual(
      [],
    );
  });
});
