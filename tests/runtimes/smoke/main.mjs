// Entry for runtimes that run a file (Node, Bun, Deno): runs the suite against the sandbox named in
// sandbox.mjs next to this file and prints one JSON line.
import { sandboxUrl } from "./sandbox.mjs";
import { runSuite, runtimeIdentity } from "./suite.mjs";

const results = await runSuite(sandboxUrl);
console.log(JSON.stringify({ runtime: runtimeIdentity(), results }));
