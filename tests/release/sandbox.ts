// The sandbox as a user runs it: its CLI from an installed @x/oauth-sandbox, spoken to over HTTP.
import { spawn } from "node:child_process";
import { request } from "node:http";

/** A provider id: the name of its spec in specs/ (the sandbox serves every spec it ships). */
export type SandboxProvider = string;

export interface SandboxInfo {
  url: string;
  /** POST /<provider>/_sandbox/codes: a code as if a user had allowed the app. */
  issueCode(provider: SandboxProvider, body: Record<string, string>): Promise<string>;
  /** POST /<provider>/_sandbox/introspect: whether the sandbox issued this token and it is live. */
  isLive(provider: SandboxProvider, token: string): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * POSTs JSON on a fresh connection: a kept-alive socket that the server closes while a long install runs
 * would otherwise fail the next call.
 */
function postJson(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(
      url,
      {
        method: "POST",
        agent: false,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as unknown });
          } catch {
            reject(new Error(`POST ${url}: HTTP ${res.statusCode}, not JSON: ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/**
 * Starts `oauth-sandbox --port 0 --json` and reads its URL from the first line it prints. With `runtime`
 * (a Node or Bun binary), the CLI's script runs under that binary instead of its shebang.
 */
export async function startSandboxCli(
  bin: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; runtime?: string },
): Promise<SandboxInfo> {
  const args = ["--port", "0", "--json", "--quiet"];
  const { runtime, ...spawnOptions } = options;
  const child = spawn(runtime ?? bin, runtime ? [bin, ...args] : args, {
    ...spawnOptions,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(
      () => reject(new Error(`the sandbox printed no URL in 30 s:\n${output}`)),
      30_000,
    );
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      const line = output.split("\n").find((candidate) => candidate.startsWith("{"));
      if (!line) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited with ${code}:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return {
    url,
    stop,
    async issueCode(provider, body) {
      const { status, json } = await postJson(`${url}/${provider}/_sandbox/codes`, body);
      const code = (json as { code?: unknown }).code;
      if (status !== 201 || typeof code !== "string")
        throw new Error(`issuing a ${provider} code: HTTP ${status}`);
      return code;
    },
    async isLive(provider, token) {
      const { status, json } = await postJson(`${url}/${provider}/_sandbox/introspect`, { token });
      return status === 200 && (json as { active?: unknown }).active === true;
    },
  };
}
