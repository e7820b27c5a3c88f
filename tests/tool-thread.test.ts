import { describe, expect, it } from "vitest";
import { execArgvWithoutTsx } from "../scripts/tool-thread.js";

describe("tool threads", () => {
  it("start without the options that load tsx, and keep every other option", () => {
    const tsxCli = [
      "--require",
      "/repo/node_modules/.pnpm/tsx@4.23.15/node_modules/tsx/dist/preflight.cjs",
      "--import",
      "file:///repo/node_modules/.pnpm/tsx@4.23.15/node_modules/tsx/dist/loader.mjs",
    ];
    expect(execArgvWithoutTsx([...tsxCli, "--cpu-prof"])).toEqual(["--cpu-prof"]);
    expect(execArgvWithoutTsx(["--import", "tsx", "--max-old-space-size=512"])).toEqual([
      "--max-old-space-size=512",
    ]);
    expect(execArgvWithoutTsx(["--import=tsx", "--import", "./other.mjs"])).toEqual([
      "--import",
      "./other.mjs",
    ]);
    expect(execArgvWithoutTsx(["--require", "./tsxconfig-loader.cjs"])).toEqual([
      "--require",
      "./tsxconfig-loader.cjs",
    ]);
  });
});
