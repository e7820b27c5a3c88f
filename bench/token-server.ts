// A token server on 127.0.0.1 for the client benchmarks: it answers every operation of every spec with the spec's
// first application/json success example, as cheaply as node:http can, so the figures are the clients' own cost.
// It runs in its own process (`startTokenServer`), so its work does not share the client's event loop.
import { fork } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { parse } from "yaml";
import { repoRoot } from "./entries.js";

interface MediaType {
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}
interface Operation {
  responses?: Record<string, { content?: Record<string, MediaType> }>;
}

/** "GET /douyin/oauth/access_token/" → the JSON body answered. */
export function successExamples(): Map<string, string> {
  const bodies = new Map<string, string>();
  const specsDir = join(repoRoot, "specs");
  for (const file of readdirSync(specsDir).filter((name) => name.endsWith(".yaml"))) {
    const provider = file.slice(0, -".yaml".length);
    const spec = parse(readFileSync(join(specsDir, file), "utf8")) as {
      paths: Record<string, Record<string, Operation>>;
    };
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const media = operation.responses?.["200"]?.content?.["application/json"];
        const example = media?.example ?? Object.values(media?.examples ?? {})[0]?.value;
        if (example === undefined) continue;
        bodies.set(`${method.toUpperCase()} /${provider}${path}`, JSON.stringify(example));
      }
    }
  }
  return bodies;
}

/** Path prefix under which every answer is sent chunked, without a Content-Length. */
export const CHUNKED = "/chunked";

function serve(): void {
  const bodies = successExamples();
  const server = createServer((request, response) => {
    // The body is read to its end before answering, as a real server does, so keep-alive stays in step.
    request.resume();
    request.on("end", () => {
      const path = (request.url ?? "").split("?")[0] ?? "";
      const chunked = path.startsWith(`${CHUNKED}/`);
      const key = `${request.method} ${chunked ? path.slice(CHUNKED.length) : path}`;
      const body = bodies.get(key);
      const text = body ?? `{"error":"not_found","error_description":"no example for ${key}"}`;
      // A body known in advance goes with its Content-Length, as the sandbox and the providers send a token; under
      // CHUNKED the same body goes without one (chunked), as from a server that streams its answer.
      response.writeHead(body === undefined ? 404 : 200, {
        "content-type": "application/json",
        ...(!chunked && { "content-length": Buffer.byteLength(text) }),
      });
      response.end(text);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("no TCP address");
    process.send?.({ url: `http://127.0.0.1:${address.port}` });
  });
  process.on("disconnect", () => process.exit(0));
}

export interface TokenServer {
  /** Base of every provider: `${url}/criteo` is Criteo's base URL (`${url}/chunked/criteo` answers chunked). */
  readonly url: string;
  close(): Promise<void>;
}

export async function startTokenServer(): Promise<TokenServer> {
  const child = fork(import.meta.filename, ["--serve"], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { url: string }).url));
    child.once("exit", (code) => reject(new Error(`token server exited with ${code}`)));
  });
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.disconnect();
      }),
  };
}

if (process.argv[1] === import.meta.filename && process.argv.includes("--serve")) serve();
