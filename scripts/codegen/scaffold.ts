// Creates packages/<name>/ for a new spec from scripts/templates/provider. Never overwrites a file that exists:
// everything it writes is hand-owned from then on (only src/generated/ and the README section belong to codegen).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadSpecModel } from "@x/spec-model";
import { repoRelative, repoRoot } from "../repo.js";

export const TEMPLATE_DIR = path.join(repoRoot, "scripts", "templates", "provider");

export interface ScaffoldOptions {
  specPath: string;
  providerId: string;
  packagesDir: string;
}

export interface ScaffoldResult {
  packageDir: string;
  created: string[];
  kept: string[];
}

export function scaffoldProvider(options: ScaffoldOptions): ScaffoldResult {
  const { provider: model } = loadSpecModel(options.specPath, {
    providerId: options.providerId,
    displayName: repoRelative(options.specPath),
  });
  const packageDir = path.join(options.packagesDir, model.folderName);
  const values: Record<string, string> = {
    providerId: model.id,
    packageName: model.packageName,
    folderName: model.folderName,
    title: model.title,
    repositoryUrl: repositoryUrl(),
    // Where a reader on the registry follows links to: git+https://github.com/x/oauth-sdks.git → https://github.com/x/oauth-sdks
    repositoryWebUrl: repositoryUrl()
      .replace(/^git\+/, "")
      .replace(/\.git$/, ""),
  };
  const result: ScaffoldResult = { packageDir, created: [], kept: [] };
  for (const template of templateFiles(TEMPLATE_DIR)) {
    const relative = template.replace(/\.tmpl$/, "");
    const target = path.join(packageDir, relative);
    if (existsSync(target)) {
      result.kept.push(relative);
      continue;
    }
    const text = readFileSync(path.join(TEMPLATE_DIR, template), "utf8").replace(
      /\{\{(\w+)\}\}/g,
      (match, key: string) => {
        const value = values[key];
        if (value === undefined) throw new Error(`template ${template} uses unknown placeholder ${match}`);
        return key === "title" && relative.endsWith(".json") ? JSON.stringify(value).slice(1, -1) : value;
      },
    );
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    result.created.push(relative);
  }
  return result;
}

function templateFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const relative = prefix ? `${prefix}/${name}` : name;
      return statSync(path.join(dir, name)).isDirectory()
        ? templateFiles(path.join(dir, name), relative)
        : [relative];
    });
}

// The repository URL the root package.json declares, so every package points at the same place.
function repositoryUrl(): string {
  const root = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
    repository?: string | { url?: string };
  };
  const url = typeof root.repository === "string" ? root.repository : root.repository?.url;
  return url ?? "git+https://github.com/x/oauth-sdks.git";
}
