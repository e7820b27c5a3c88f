import path from "node:path";
import { fileURLToPath } from "node:url";
import { describeConsumerCompile } from "../../oauth-core/test-utils/consumer.js";

describeConsumerCompile({
  packageDir: path.resolve(fileURLToPath(new URL("..", import.meta.url))),
  packageName: "@x/criteo-oauth",
  fixtureDir: fileURLToPath(new URL("consumer", import.meta.url)),
});
