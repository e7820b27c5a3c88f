// The packages' runtime code runs on Node, Bun, Deno and workerd, so it may use only what all of them offer:
// no import of a Node built-in module (`node:fs`, `fs`, …) and no Node-only global (`process`, `Buffer`,
// `require`, `__dirname`, …). Checks packages/*/src (not the sandbox, which is Node-only, nor tests) with
// the TypeScript checker, so a local variable that happens to be called `process` is not a finding.
// Exit 1 with `file:line:col message` per finding.
//
//   tsx scripts/check-runtime-code.ts
import { existsSync, readdirSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import ts from "typescript";
import { publicPackages } from "./release/workspace.js";

const root = path.resolve(import.meta.dirname, "..");

/** Published packages whose code is Node-only by design (their READMEs say where they run). */
const nodeOnlyPackages = new Set(["@x/oauth-sandbox"]);

/** Globals that Node defines and the other runtimes (or some of them) do not. */
const nodeOnlyGlobals = new Set([
  "process",
  "Buffer",
  "require",
  "module",
  "exports",
  "__dirname",
  "__filename",
  "global",
  "setImmediate",
  "clearImmediate",
]);

/** Names through which a global can be reached as a property (`globalThis.process`). */
const globalObjects = new Set(["globalThis", "global", "self", "window"]);

const builtins = new Set(builtinModules);

export interface Finding {
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * The runtime source files of every published package except the Node-only ones: src/**\/*.ts without tests.
 * Private packages (test and build tooling) are not runtime code.
 */
export function runtimeSourceFiles(repoRoot = root): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.[cm]?tsx?$/.test(entry.name) && !/\.test(-d)?\.ts$/.test(entry.name)) files.push(full);
    }
  };
  for (const pkg of publicPackages(repoRoot)) {
    const src = path.join(pkg.dir, "src");
    if (!nodeOnlyPackages.has(pkg.manifest.name) && existsSync(src)) walk(src);
  }
  return files.sort();
}

function isNodeBuiltin(specifier: string): boolean {
  return (
    specifier.startsWith("node:") || builtins.has(specifier) || builtins.has(specifier.split("/")[0] ?? "")
  );
}

/** A declaration that comes from Node's type definitions rather than from the code or the web platform. */
function declaredByNode(symbol: ts.Symbol | undefined): boolean {
  return (symbol?.declarations ?? []).some((declaration) =>
    /[\\/]@types[\\/]node[\\/]/.test(declaration.getSourceFile().fileName),
  );
}

/** Finds every Node built-in import and Node-only global in `files`. */
export function findNodeOnlyCode(files: readonly string[]): Finding[] {
  // No @types/node: a Node-only global resolves to nothing, unless some dependency's types pull Node's in.
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const findings: Finding[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    const report = (node: ts.Node, message: string) => {
      const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
      findings.push({ file: path.relative(root, file), line: line + 1, column: character + 1, message });
    };
    const checkSpecifier = (node: ts.Node | undefined) => {
      if (node && ts.isStringLiteralLike(node) && isNodeBuiltin(node.text)) {
        report(node, `imports the Node built-in module "${node.text}"`);
      }
    };
    const visit = (node: ts.Node): void => {
      // Type-only imports leave nothing at run time.
      if (ts.isImportDeclaration(node)) {
        if (!node.importClause?.isTypeOnly) checkSpecifier(node.moduleSpecifier);
      } else if (ts.isExportDeclaration(node)) {
        if (!node.isTypeOnly) checkSpecifier(node.moduleSpecifier);
      } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
        checkSpecifier(node.moduleReference.expression);
      } else if (ts.isCallExpression(node)) {
        const callee = node.expression;
        if (
          callee.kind === ts.SyntaxKind.ImportKeyword ||
          (ts.isIdentifier(callee) && callee.text === "require")
        ) {
          checkSpecifier(node.arguments[0]);
        }
      }
      if (ts.isIdentifier(node) && nodeOnlyGlobals.has(node.text) && isGlobalReference(node)) {
        const symbol = checker.getSymbolAtLocation(node);
        if (!symbol || declaredByNode(symbol)) report(node, `uses the Node-only global "${node.text}"`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/**
 * Whether an identifier reads a global unguarded: a plain reference (not a property name, a declaration or a
 * key), or a property of `globalThis` and its aliases. Feature detection is no finding, since it runs
 * anywhere: `typeof process`, `globalThis.process?.…`.
 */
function isGlobalReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isTypeOfExpression(parent)) return false;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) {
    if (!ts.isIdentifier(parent.expression) || !globalObjects.has(parent.expression.text)) return false;
    const user = parent.parent;
    const guarded =
      (ts.isPropertyAccessExpression(user) ||
        ts.isElementAccessExpression(user) ||
        ts.isCallExpression(user)) &&
      user.expression === parent &&
      user.questionDotToken !== undefined;
    return !guarded && !ts.isTypeOfExpression(user);
  }
  if (ts.isQualifiedName(parent) && parent.right === node) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return false;
  if ((ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node)
    return false;
  if ((ts.isMethodDeclaration(parent) || ts.isMethodSignature(parent)) && parent.name === node) return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) return false;
  return true;
}

function main(): void {
  const files = runtimeSourceFiles();
  const findings = findNodeOnlyCode(files);
  for (const { file, line, column, message } of findings)
    console.error(`${file}:${line}:${column} ${message}`);
  if (findings.length > 0) {
    console.error(`check-runtime-code: ${findings.length} Node-only use(s) in runtime code (see above)`);
    process.exitCode = 1;
  } else {
    console.log(`check-runtime-code: ${files.length} files, no Node built-in import and no Node-only global`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) main();
