// What the packages claim about where they run is what the runtime matrix (tests/runtimes.e2e.test.ts) proves:
// `engines` names exactly the Node majors of the matrix, and every README names exactly its runtimes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { publicPackages } from "../scripts/workspace.js";
import { type Runtime, runtimes } from "./runtimes/matrix.js";

const root = path.resolve(import.meta.dirname, "..");
const lowestNode = "20.19.0";

/** How the docs name each runtime of the matrix other than Node; a runtime added to the matrix needs one. */
const docNames: Record<string, string> = {
  bun: "Bun",
  deno: "Deno",
  workerd: "Cloudflare Workers (workerd)",
};

const nodeMajors = (list: Runtime[]) =>
  list.flatMap((runtime) => /^node (\d+)$/.exec(runtime.name)?.[1] ?? []);
const otherNames = (list: Runtime[]) =>
  list.filter((runtime) => !runtime.name.startsWith("node ")).map((runtime) => docNames[runtime.name]);

/** "a", "a and b", "a, b and c". */
const listed = (items: string[]) =>
  items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

/** "Node.js 20 (20.19 or later), 22 and 24". */
function nodes(list: Runtime[]): string {
  const [first, ...rest] = nodeMajors(list);
  return listed([`Node.js ${first} (${lowestNode.replace(/\.0$/, "")} or later)`, ...rest]);
}

const packages = publicPackages(root);
const oneLine = (file: string) => readFileSync(file, "utf8").replace(/\s+/g, " ");

describe("runtime claims", () => {
  test("every runtime of the matrix has a name in the docs", () => {
    expect(otherNames(runtimes).filter((name) => name === undefined)).toEqual([]);
    expect(nodeMajors(runtimes)).toEqual(["20", "22", "24"]);
  });

  test("engines.node of every public package names the Node majors of the matrix, and only those", () => {
    const [, ...later] = nodeMajors(runtimes);
    const expected = [`^${lowestNode}`, ...later.map((major) => `^${major}.0.0`)].join(" || ");
    const engines = packages.map((pkg) => [
      pkg.manifest.name,
      (pkg.manifest.engines as { node?: string })?.node,
    ]);
    expect(engines).toEqual(packages.map((pkg) => [pkg.manifest.name, expected]));
  });

  test("the root README and every package README name the runtimes proven", () => {
    const claim = `${nodes(runtimes)}, ${listed(otherNames(runtimes) as string[])}`;
    expect(oneLine(path.join(root, "README.md"))).toContain(
      `It runs on ${claim}, and only these are claimed`,
    );
    // The Redis token store needs a TCP Redis client, so it is not in the matrix; its README says where it is tested.
    const notInMatrix = ["@x/oauth-sandbox", "@x/oauth-store-redis"];
    const clients = packages.filter((pkg) => !notInMatrix.includes(pkg.manifest.name));
    const claims = clients.map((pkg) => [
      pkg.manifest.name,
      oneLine(path.join(pkg.dir, "README.md")).includes(`Runs on ${claim}:`),
    ]);
    expect(claims).toEqual(clients.map((pkg) => [pkg.manifest.name, true]));
  });

  test("the sandbox README names the runtimes its CLI is started under", () => {
    const hosts = runtimes.filter((runtime) => runtime.sandboxRuntime !== undefined);
    expect(otherNames(hosts)).toEqual(["Bun"]);
    const sandbox = packages.find((pkg) => pkg.manifest.name === "@x/oauth-sandbox");
    expect(oneLine(path.join(sandbox?.dir ?? "", "README.md"))).toContain(
      `it runs on ${nodes(hosts)}, and on Bun`,
    );
  });
});
