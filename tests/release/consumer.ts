// What a user's project sees after installing one of our packages: the installed tree, the README example,
// and a strict TypeScript compile of code that uses the package.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { parse } from "yaml";

export type PackageManagerName = "npm" | "pnpm";

/** The names of every package installed in a project (direct and transitive), sorted. */
export function installedPackages(projectDir: string, manager: PackageManagerName): string[] {
  const names = new Set<string>();
  if (manager === "npm") {
    const lock = JSON.parse(readFileSync(path.join(projectDir, "package-lock.json"), "utf8")) as {
      packages: Record<string, unknown>;
    };
    for (const key of Object.keys(lock.packages)) {
      if (key) names.add(key.replace(/^.*node_modules\//, ""));
    }
  } else {
    const lock = parse(readFileSync(path.join(projectDir, "pnpm-lock.yaml"), "utf8")) as {
      packages?: Record<string, unknown>;
    };
    for (const key of Object.keys(lock.packages ?? {})) names.add(key.replace(/^(@?[^@]+)@.*$/, "$1"));
  }
  return [...names].sort();
}

/** Every registry URL the install resolved from (npm: each package's "resolved"; pnpm: its registries). */
export function resolvedRegistries(projectDir: string, manager: PackageManagerName): string[] {
  const urls = new Set<string>();
  if (manager === "npm") {
    const lock = JSON.parse(readFileSync(path.join(projectDir, "package-lock.json"), "utf8")) as {
      packages: Record<string, { resolved?: string }>;
    };
    for (const [key, entry] of Object.entries(lock.packages)) {
      if (!key) continue;
      if (!entry.resolved) throw new Error(`package-lock.json: ${key} has no "resolved" URL`);
      urls.add(`${new URL(entry.resolved).origin}/`);
    }
  } else {
    // pnpm records the registry it used once, and a tarball URL only for a package from elsewhere.
    const modules = parse(readFileSync(path.join(projectDir, "node_modules", ".modules.yaml"), "utf8")) as {
      registries?: { default?: string };
    };
    if (!modules.registries?.default) throw new Error("node_modules/.modules.yaml names no default registry");
    urls.add(modules.registries.default);
    const lock = parse(readFileSync(path.join(projectDir, "pnpm-lock.yaml"), "utf8")) as {
      packages?: Record<string, { resolution?: { tarball?: string } }>;
    };
    for (const entry of Object.values(lock.packages ?? {})) {
      if (entry.resolution?.tarball) urls.add(`${new URL(entry.resolution.tarball).origin}/`);
    }
  }
  return [...urls].sort();
}

/**
 * The first ```ts block of a README that imports from the package and nothing but it: the call against the real
 * provider that users copy (the first call before it also needs the sandbox, which this install leaves out).
 */
export function readmeExample(readme: string, packageName: string): string {
  for (const match of readme.matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g)) {
    const code = match[1] ?? "";
    const imports = [...code.matchAll(/\bfrom\s+"([^"]+)"/g)].map((found) => found[1]);
    if (imports.includes(packageName) && imports.every((name) => name === packageName)) return code;
  }
  throw new Error(
    `the README of ${packageName} has no \`\`\`ts example importing only from "${packageName}"`,
  );
}

/**
 * A user's strict settings; `Bundler` is how Vite, esbuild and webpack resolve. With `emit`, the JavaScript
 * lands next to each source (get-token.mts → get-token.mjs), to be run.
 */
export function consumerOptions(resolution: "NodeNext" | "Bundler", emit: boolean): ts.CompilerOptions {
  return {
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    // Our declarations and openapi-fetch's are checked; TypeScript's own lib files need no checking.
    skipLibCheck: false,
    skipDefaultLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    typeRoots: [repositoryTypeRoot()],
    types: ["node"],
    ...(resolution === "NodeNext"
      ? { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }
      : { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }),
    noEmit: !emit,
  };
}

/** @types/node of this repository, so the consumer's own tree stays exactly what the install put there. */
function repositoryTypeRoot(): string {
  const typeRoot = path.resolve(import.meta.dirname, "../../node_modules/@types");
  if (!existsSync(path.join(typeRoot, "node", "package.json")))
    throw new Error("@types/node is not installed");
  return typeRoot;
}

// Parsed default libraries and @types/node are the same for every compile: parse them once.
const sharedSourceFiles = new Map<string, ts.SourceFile>();

/** Compiles `files` (absolute paths) and returns the diagnostics as text (empty when clean). */
export function compile(files: string[], options: ts.CompilerOptions): string[] {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const shared =
      fileName.includes(`${path.sep}typescript${path.sep}lib${path.sep}`) || fileName.includes("@types");
    const cached = shared ? sharedSourceFiles.get(fileName) : undefined;
    if (cached) return cached;
    const sourceFile = getSourceFile(fileName, languageVersion, onError, shouldCreate);
    if (shared && sourceFile) sharedSourceFiles.set(fileName, sourceFile);
    return sourceFile;
  };
  const program = ts.createProgram({ rootNames: files, options, host });
  const diagnostics = [...ts.getPreEmitDiagnostics(program)];
  if (!options.noEmit) diagnostics.push(...program.emit().diagnostics);
  return diagnostics.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    if (!diagnostic.file || diagnostic.start === undefined) return message;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${diagnostic.file.fileName}:${line + 1}:${character + 1}: ${message}`;
  });
}
