// The specs of a folder. Its own entry (@x/spec-model/list) too, for a tool that needs the list before it loads the
// rest of the model.
import { readdirSync } from "node:fs";
import path from "node:path";

/** The specs of a folder: one provider per `<id>.yaml`, sorted by id. */
export function listSpecs(specsDir: string): { id: string; file: string }[] {
  return readdirSync(specsDir)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => ({ id: name.slice(0, -".yaml".length), file: path.join(specsDir, name) }));
}
