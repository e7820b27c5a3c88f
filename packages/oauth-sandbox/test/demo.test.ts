// The README's main demo (scripts/demo.ts), run as users run it: it must print the table and exit 0.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { DEFAULT_CLIENTS } from "../src/index.js";

const root = join(import.meta.dirname, "..", "..", "..");

describe("scripts/demo.ts", () => {
  it("prints a row per step for all four providers, shows only token prefixes and no secret, and exits 0", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/demo.ts"], {
      cwd: root,
      timeout: 60_000,
    });
    const rows = stdout.split("\n").filter((line) => /^[✓✗] /.test(line));
    expect(rows.length).toBe(13);
    expect(rows.every((row) => row.startsWith("✓"))).toBe(true);
    for (const provider of ["douyin", "avito", "pinterest", "criteo"]) {
      expect(rows.filter((row) => row.includes(` ${provider} `)).length).toBeGreaterThanOrEqual(3);
    }
    // A token is shown as at most 8 characters and an ellipsis.
    const shown = [...stdout.matchAll(/ 200 +token (\S+)/g)].map((m) => m[1]);
    expect(shown.length).toBe(9);
    for (const token of shown) expect(token).toMatch(/^.{1,8}…$/);
    // Error rows show the provider's code and text, never a client secret (the wrong one included).
    for (const { clientSecret } of Object.values(DEFAULT_CLIENTS)) expect(stdout).not.toContain(clientSecret);
    expect(stdout).not.toContain("not-the-secret");
    expect(stdout).toMatch(/Sandbox stopped\.\s*$/);
  });
});
