import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import type { PackageManifest } from "./workspace.js";

/** A packed npm tarball: its file paths (without the leading "package/") and its package.json. */
export interface PackedPackage {
  files: string[];
  manifest: PackageManifest;
}

const block = 512;

/**
 * Reads an npm tarball (gzip'd ustar, as npm and pnpm write it). Regular files only; pax and GNU long-name
 * records are honoured so long paths are not cut.
 */
export function readTarball(tgz: Uint8Array): PackedPackage {
  const tar = gunzipSync(tgz);
  const contents = new Map<string, Buffer>();
  let offset = 0;
  let longName: string | undefined;
  while (offset + block <= tar.length) {
    const header = tar.subarray(offset, offset + block);
    if (header.every((byte) => byte === 0)) break;
    const field = (start: number, length: number) =>
      header
        .subarray(start, start + length)
        .toString("utf8")
        .replace(/\0.*$/s, "");
    const size = Number.parseInt(field(124, 12).trim() || "0", 8);
    const type = field(156, 1) || "0";
    const prefix = field(345, 155);
    const body = tar.subarray(offset + block, offset + block + size);
    offset += block + Math.ceil(size / block) * block;
    if (type === "x") {
      longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString("utf8"))?.[1] ?? longName;
      continue;
    }
    if (type === "L") {
      longName = body.toString("utf8").replace(/\0.*$/s, "");
      continue;
    }
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    if (type !== "0") continue;
    contents.set(name.replace(/^[^/]+\//, ""), Buffer.from(body));
  }
  const manifestText = contents.get("package.json");
  if (!manifestText) throw new Error("the tarball has no package.json");
  return {
    files: [...contents.keys()].sort(),
    manifest: JSON.parse(manifestText.toString("utf8")) as PackageManifest,
  };
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

function header(name: string, size: number, mode: number): Buffer {
  // ustar keeps up to 100 bytes of name plus a 155-byte prefix, split at a slash.
  let prefix = "";
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const split = [...name.matchAll(/\//g)]
      .map((match) => match.index)
      .find((index) => Buffer.byteLength(name.slice(index + 1)) <= 100);
    if (split === undefined || Buffer.byteLength(name.slice(0, split)) > 155) {
      throw new Error(`${name}: path too long for a ustar header`);
    }
    prefix = name.slice(0, split);
    base = name.slice(split + 1);
  }
  const buffer = Buffer.alloc(block);
  buffer.write(base, 0, 100, "utf8");
  buffer.write(octal(mode, 8), 100, "ascii");
  buffer.write(octal(0, 8), 108, "ascii");
  buffer.write(octal(0, 8), 116, "ascii");
  buffer.write(octal(size, 12), 124, "ascii");
  // A fixed time, as npm uses, so the same folder packs to the same bytes.
  buffer.write(octal(499162500, 12), 136, "ascii");
  buffer.write("        ", 148, "ascii");
  buffer.write("0", 156, "ascii");
  buffer.write("ustar\u000000", 257, "ascii");
  buffer.write(prefix, 345, 155, "utf8");
  let sum = 0;
  for (const byte of buffer) sum += byte;
  buffer.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return buffer;
}

/**
 * Packs a folder exactly as it is (every regular file, under "package/") into an npm tarball. For
 * re-publishing an installed third-party package, whose folder holds just what its authors published.
 */
export function packFolder(dir: string): Buffer {
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) files.push(child);
    }
  };
  walk("");
  const parts: Buffer[] = [];
  for (const file of files.sort()) {
    const absolute = path.join(dir, file);
    const content = readFileSync(absolute);
    const executable = (statSync(absolute).mode & 0o111) !== 0;
    parts.push(header(`package/${file}`, content.length, executable ? 0o755 : 0o644), content);
    const padding = (block - (content.length % block)) % block;
    if (padding > 0) parts.push(Buffer.alloc(padding));
  }
  parts.push(Buffer.alloc(block * 2));
  return gzipSync(Buffer.concat(parts));
}
