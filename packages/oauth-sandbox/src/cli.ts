#!/usr/bin/env node
// oauth-sandbox: runs the sandbox until interrupted. The first line printed is the URL it listens on.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
// Only the package entry is imported, so the built CLI loads dist/index.js instead of a second copy.
import {
  type ClientsConfig,
  defaultSpecsDir,
  type Lifetimes,
  listProviders,
  loadClientsFile,
  type ProviderId,
  parseClientFlag,
  type SandboxOptions,
  startSandbox,
} from "./index.js";

const HELP = `Usage: oauth-sandbox [options]

Serves one token endpoint per spec on 127.0.0.1 under /<provider> (the shipped specs: /douyin, /avito,
/pinterest, /criteo), checked against its OpenAPI spec.

Options:
  --port <n>                 port to listen on (default 0: a free port, printed on start)
  --clients <file>           JSON file of clients: {"<provider>": [{"clientId", "clientSecret", "redirectUris"?}]}
  --client <p>:<id>:<secret> register one client (repeatable)
  --no-default-clients       do not register the documented demo clients
  --clock <time>             start the sandbox clock at an ISO 8601 time or epoch milliseconds
  --freeze-clock             the clock moves only through POST /_sandbox/clock
  --lifetime <p>.<kind>=<s>  override a lifetime in seconds, kind = code | access | refresh (repeatable)
  --strict-rotation          refresh tokens are single-use; a reused one revokes every token of its grant
  --providers <list>         serve only these providers (comma-separated)
  --specs <dir>              folder of <provider>.yaml specs, one provider each (default: the shipped specs)
  --json                     print the start line as JSON {url, baseUrls}
  --quiet                    do not log requests
  --version                  print the version and exit
  -h, --help                 show this help
`;

function fail(message: string): never {
  process.stderr.write(`oauth-sandbox: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (cause) {
    fail(`${(cause as Error).message}\n\n${HELP}`);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (values.version) {
    process.stdout.write(`${packageVersion()}\n`);
    return;
  }

  const options: SandboxOptions = {};
  let available: ProviderId[] = [];
  try {
    available = listProviders(values.specs ?? defaultSpecsDir());
  } catch (cause) {
    fail((cause as Error).message);
  }
  if (values.port !== undefined) {
    // Number("") is 0: an empty value would quietly mean "any port".
    const port = /^\d+$/.test(values.port) ? Number(values.port) : Number.NaN;
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      fail(`--port must be 0..65535, got ${JSON.stringify(values.port)}`);
    options.port = port;
  }
  try {
    const clients: ClientsConfig = values.clients ? loadClientsFile(values.clients, available) : {};
    for (const flag of values.client ?? []) {
      const { provider, client } = parseClientFlag(flag, available);
      clients[provider] = [...(clients[provider] ?? []), client];
    }
    options.clients = clients;
  } catch (cause) {
    fail((cause as Error).message);
  }
  if (values["no-default-clients"]) options.defaultClients = false;
  if (values.clock !== undefined || values["freeze-clock"]) {
    options.clock = { frozen: values["freeze-clock"] === true };
    if (values.clock !== undefined) options.clock.start = values.clock;
  }
  if (values["strict-rotation"]) options.strictRotation = true;
  if (values.lifetime) options.lifetimes = parseLifetimes(values.lifetime, available);
  if (values.providers !== undefined) {
    const list = values.providers
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    if (list.length === 0) fail(`--providers needs at least one of ${available.join(", ")}`);
    for (const p of list) {
      if (!available.includes(p)) {
        fail(`unknown provider ${JSON.stringify(p)} in --providers (expected ${available.join(", ")})`);
      }
    }
    options.providers = list;
  }
  if (values.specs) options.specsDir = values.specs;
  if (!values.quiet) options.log = (line) => process.stderr.write(`${line}\n`);

  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox(options);
  } catch (cause) {
    fail((cause as Error).message);
  }
  // Before anything is printed: a supervisor may stop the sandbox as soon as it reads the first line.
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ url: sandbox.url, baseUrls: sandbox.baseUrls })}\n`);
  } else {
    process.stdout.write(`oauth-sandbox listening on ${sandbox.url}\n`);
    for (const provider of sandbox.providers) {
      const ids = sandbox.clients(provider).map((c) => c.clientId);
      process.stdout.write(
        `  ${provider.padEnd(10)} ${sandbox.baseUrls[provider]}  clients: ${ids.join(", ") || "(none)"}\n`,
      );
    }
  }
}

/** The version in the package's package.json, one folder above both src/cli.ts and dist/cli.js. */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

function parse() {
  return parseArgs({
    options: {
      port: { type: "string" },
      clients: { type: "string" },
      client: { type: "string", multiple: true },
      "no-default-clients": { type: "boolean" },
      clock: { type: "string" },
      "freeze-clock": { type: "boolean" },
      lifetime: { type: "string", multiple: true },
      "strict-rotation": { type: "boolean" },
      providers: { type: "string" },
      specs: { type: "string" },
      json: { type: "boolean" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  });
}

function parseLifetimes(
  flags: string[],
  available: readonly ProviderId[],
): Partial<Record<ProviderId, Partial<Lifetimes>>> {
  const lifetimes: Partial<Record<ProviderId, Partial<Lifetimes>>> = {};
  for (const flag of flags) {
    const match = /^([\w-]+)\.(code|access|refresh)=(\d+)$/.exec(flag);
    if (!match || !available.includes(match[1] ?? "")) {
      fail(`--lifetime expects <provider>.<code|access|refresh>=<seconds>, got ${flag}`);
    }
    const provider = match[1] as string;
    lifetimes[provider] = { ...lifetimes[provider], [match[2] as keyof Lifetimes]: Number(match[3]) };
  }
  return lifetimes;
}

void main();
