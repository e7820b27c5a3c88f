// The specs of a folder.
import { readdirSync } from "node:fs";
import path from "node:path";

/** The specs of a folder: one provider per `<id>.yaml`, sorted by id. */
export function listSpecs(specsDir: string): { id: string; file: string }[] {
  return readdirSync(specsDir)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => ({ id: name.slice(0, -".yaml".length), file: path.join(specsDir, name) }));
}
