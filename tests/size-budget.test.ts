// The size budget of the test command (`pnpm check:size` = `tsx bench/size.ts --check`) fires: an entry over the
// budget, or one that bundles token manager code, fails it with the figure; an entry within it passes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { providerEntries } from "../bench/entries.js";
import { bundle, measure, PREVIOUS_SIZE_BUDGET_BYTES, SIZE_BUDGET_BYTES } from "../bench/size.js";

const root = join(import.meta.dirname, "..");

function checkSize(fixture: string) {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "bench/size.ts", "--check", resolve(root, "tests/fixtures/size", fixture)],
    { cwd: root, encoding: "utf8" },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("size budget check", () => {
  it("fails with the package's figure when an entry is over the budget", () => {
    const { status, stdout, stderr } = checkSize("over-budget.js");
    expect(status).toBe(1);
    const budget = SIZE_BUDGET_BYTES.toLocaleString("en-US");
    const figure = new RegExp(
      `over-budget\\.js is ([\\d,]+) B min\\+gzip, over the ${budget} B budget by ([\\d,]+) B`,
    ).exec(stderr);
    expect(figure, stderr).not.toBeNull();
    const gzip = Number(figure?.[1]?.replaceAll(",", ""));
    expect(gzip).toBeGreaterThan(SIZE_BUDGET_BYTES);
    expect(Number(figure?.[2]?.replaceAll(",", ""))).toBe(gzip - SIZE_BUDGET_BYTES);
    expect(stdout).toMatch(/over-budget\.js .*\| OVER/);
  });

  it("fails when an entry bundles token manager code", () => {
    const { status, stderr } = checkSize("token-manager.js");
    expect(status).toBe(1);
    expect(stderr).toContain('token-manager.js bundles token manager code ("TokenManager")');
    expect(stderr).not.toContain("over the");
  });

  it("passes an entry within the budget", () => {
    const { status, stdout, stderr } = checkSize("within-budget.js");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout).toMatch(/within-budget\.js .*\| ok/);
  });

  it("fails a provider package grown just past the budget, which the budget before it let through", async () => {
    // Needs the packages' dist, as below. A provider entry plus a string that gzip cannot shrink much (letters from a
    // fixed pseudo-random sequence), grown until its bundle is just over the budget.
    const entry = providerEntries[0];
    if (!entry) throw new Error("no provider entry");
    let seed = 1;
    const letters = (count: number) =>
      Array.from({ length: count }, () => {
        seed = (seed * 48_271) % 2_147_483_647;
        return String.fromCharCode(97 + (seed % 26));
      }).join("");
    const grown = (padding: string) => `${entry.source()}console.log(${JSON.stringify(padding)});\n`;
    // About 0.6 B of gzip per letter: start a little short of the budget, then add a few letters at a time.
    const { gzip: start } = await measure("grown", "provider", entry.source());
    let padding = letters(Math.max(0, Math.floor((SIZE_BUDGET_BYTES - start) * 1.4)));
    while ((await measure("grown", "provider", grown(padding))).gzip <= SIZE_BUDGET_BYTES)
      padding += letters(8);
    const source = grown(padding);
    const dir = mkdtempSync(join(tmpdir(), "size-budget-"));
    try {
      writeFileSync(join(dir, "grown.js"), source);
      const { status, stderr } = checkSize(join(dir, "grown.js"));
      expect(status).toBe(1);
      const figure = /grown\.js is ([\d,]+) B min\+gzip, over the/.exec(stderr);
      expect(figure, stderr).not.toBeNull();
      const gzip = Number(figure?.[1]?.replaceAll(",", ""));
      expect(gzip).toBeGreaterThan(SIZE_BUDGET_BYTES);
      expect(gzip).toBeLessThanOrEqual(PREVIOUS_SIZE_BUDGET_BYTES);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("sees the token manager in a built provider package's entry that calls createTokenManager", async () => {
    // Needs the packages' dist (the test command builds them first): the marker check has something to find.
    const used = await measure(
      "uses-manager",
      "provider",
      'import { createTokenManager } from "@x/criteo-oauth"; console.log(createTokenManager);',
    );
    expect(used.hasTokenManager).toBe(true);
  });

  it("bundles the optional parts of the call only in the packages whose spec uses them", async () => {
    // Needs the packages' dist, as above. The names survive in the unminified bundle, where esbuild keeps declared names.
    const parts = ["placeFields", "placeQuery", "inBodyError", "overloadResultShape"];
    const held = async (name: string) => {
      const entry = providerEntries.find((item) => item.name === name);
      if (!entry) throw new Error(`no entry for ${name}`);
      const code = await bundle(entry.source(), false);
      return parts.filter((part) => code.includes(`function ${part}(`));
    };
    // Douyin has only scalar query parameters and errors inside a success body; Criteo neither, but overloads with
    // success models of their own.
    expect(await held("@x/douyin-oauth")).toEqual(["placeQuery", "inBodyError"]);
    expect(await held("@x/criteo-oauth")).toEqual(["overloadResultShape"]);
  });
});
