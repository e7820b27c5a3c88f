// Entry for workerd: a Worker whose fetch handler runs the suite against the sandbox named in sandbox.mjs
// (bundled in) and answers the same JSON the file entry prints.
import { sandboxUrl } from "./sandbox.mjs";
import { runSuite, runtimeIdentity } from "./suite.mjs";

export default {
  async fetch() {
    const results = await runSuite(sandboxUrl);
    return Response.json({ runtime: runtimeIdentity(), results });
  },
};
