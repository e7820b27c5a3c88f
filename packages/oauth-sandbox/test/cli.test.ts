// The published CLI, as users run it: the built dist/cli.js with the specs shipped in dist/specs.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";

const cli = join(import.meta.dirname, "..", "dist", "cli.js");
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function start(args: string[]): { child: ChildProcess; firstLine: Promise<string> } {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const firstLine = new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`oauth-sandbox exited with ${code} before printing`)));
  });
  return { child, firstLine };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

async function failing(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return { code: await exited(child), stderr };
}

describe("oauth-sandbox CLI (built)", () => {
  it("is built with its specs", () => {
    expect(existsSync(cli)).toBe(true);
    for (const p of ["douyin", "avito", "pinterest", "criteo"]) {
      expect(existsSync(join(cli, "..", "specs", `${p}.yaml`))).toBe(true);
    }
  });

  it("prints its URL on start, serves all four providers, and stops cleanly on SIGTERM", async () => {
    const { child, firstLine } = start(["--port", "0", "--clock", "2030-01-01T00:00:00Z", "--freeze-clock"]);
    const line = await firstLine;
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
    expect(url).toBeDefined();
    const index = (await (await fetch(`${url}/`)).json()) as { clock: { epoch: number }; providers: object };
    expect(Object.keys(index.providers)).toEqual(["avito", "criteo", "douyin", "pinterest"]);
    expect(index.clock.epoch).toBe(Date.UTC(2030, 0, 1) / 1000);
    const token = await fetch(`${url}/criteo/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=sandbox-criteo-client&client_secret=sandbox-criteo-secret",
    });
    expect(token.status).toBe(200);
    child.kill("SIGTERM");
    expect(await exited(child)).toBe(0);
  });

  it("--json, --client and --no-default-clients", async () => {
    const { child, firstLine } = start([
      "--json",
      "--quiet",
      "--no-default-clients",
      "--client",
      "avito:me:my-secret",
    ]);
    const { baseUrls } = JSON.parse(await firstLine) as { baseUrls: Record<string, string> };
    const form = (id: string, secret: string) =>
      fetch(`${baseUrls.avito}/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: id, client_secret: secret }),
      });
    expect((await form("me", "my-secret")).status).toBe(200);
    expect((await form("sandbox-avito-client", "sandbox-avito-secret")).status).toBe(401);
    child.kill("SIGINT");
    expect(await exited(child)).toBe(0);
  });

  it("--strict-rotation: a reused refresh token revokes its grant", async () => {
    const { child, firstLine } = start(["--json", "--quiet", "--strict-rotation"]);
    const { baseUrls } = JSON.parse(await firstLine) as { baseUrls: Record<string, string> };
    const credentials = { client_id: "sandbox-avito-client", client_secret: "sandbox-avito-secret" };
    const token = async (fields: Record<string, string>) => {
      const answer = await fetch(`${baseUrls.avito}/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ...credentials, ...fields }),
      });
      return { status: answer.status, body: (await answer.json()) as Record<string, string> };
    };
    const issued = await fetch(`${baseUrls.avito}/_sandbox/codes`, { method: "POST" });
    const { code } = (await issued.json()) as { code: string };
    const first = await token({ grant_type: "authorization_code", code });
    const refresh = { grant_type: "refresh_token", refresh_token: first.body.refresh_token ?? "" };
    const second = await token(refresh);
    expect(second.status).toBe(200);
    expect(await token(refresh)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    const renewed = { grant_type: "refresh_token", refresh_token: second.body.refresh_token ?? "" };
    expect(await token(renewed)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    child.kill("SIGTERM");
    expect(await exited(child)).toBe(0);
  });

  it("--providers limits baseUrls, --json and the start-up lines to the served providers", async () => {
    const json = start(["--json", "--quiet", "--providers", "criteo,douyin"]);
    const printed = JSON.parse(await json.firstLine) as { url: string; baseUrls: Record<string, string> };
    expect(printed.baseUrls).toEqual({ criteo: `${printed.url}/criteo`, douyin: `${printed.url}/douyin` });
    json.child.kill("SIGTERM");
    expect(await exited(json.child)).toBe(0);

    // Start-up lines are written before the signal handler can run, so stopping after the first line loses none.
    const text = start(["--quiet", "--providers", "pinterest"]);
    let stdout = "";
    text.child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    await text.firstLine;
    text.child.kill("SIGTERM");
    expect(await exited(text.child)).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^ {2}pinterest +http:\/\/127\.0\.0\.1:\d+\/pinterest {2}clients: /);
  });

  it("--version prints the package's version", async () => {
    const manifest = JSON.parse(readFileSync(join(cli, "..", "..", "package.json"), "utf8")) as {
      version: string;
    };
    const child = spawn(process.execPath, [cli, "--version"], { stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let stdout = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    expect(await exited(child)).toBe(0);
    expect(stdout).toBe(`${manifest.version}\n`);
  });

  it("exits 2 with a clear message on a bad flag or a bad clients file", async () => {
    const cases: [string[], string][] = [
      [["--port", "99999"], '--port must be 0..65535, got "99999"'],
      [["--port", ""], '--port must be 0..65535, got ""'],
      [["--bogus"], "Unknown option '--bogus'"],
      [["--providers", "douyin,google"], 'unknown provider "google" in --providers'],
      [["--providers", ","], "--providers needs at least one of avito, criteo, douyin, pinterest"],
      [["--lifetime", "douyin.token=5"], "--lifetime expects <provider>.<code|access|refresh>=<seconds>"],
      [["--client", "avito:id"], "--client expects <provider>:<clientId>:<clientSecret>"],
      [["--clients", "/nonexistent/clients.json"], "/nonexistent/clients.json: cannot read the clients file"],
      [["--clock", "1893456000"], "1893456000 cannot be a time in epoch milliseconds"],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await failing(args);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr, args.join(" ")).toContain(`oauth-sandbox: ${message}`);
    }
  });
});
