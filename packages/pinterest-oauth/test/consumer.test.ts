import path from "node:path";
import { fileURLToPath } from "node:url";
import { describeConsumerCompile } from "@x/test-utils/consumer";

describeConsumerCompile({
  packageDir: path.resolve(fileURLToPath(new URL("..", import.meta.url))),
  packageName: "@x/pinterest-oauth",
  fixtureDir: fileURLToPath(new URL("consumer", import.meta.url)),
});
