// Runs the example against a local sandbox: `npx -y pnpm@10.34.9 exec tsx examples/connect/main.ts [port]`, then open
// the printed URL. Move the sandbox's clock (`curl -X POST <sandbox>/_sandbox/clock -d advance=2000000`) and reload an
// account page to watch the token manager refresh.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_CLIENTS, startSandbox } from "@x/oauth-sandbox";
import { startConnectApp } from "./app.js";
import { TARGETS } from "./providers.js";

const sandbox = await startSandbox({ port: 0, clock: { frozen: true } });
const app = await startConnectApp({
  providers: Object.fromEntries(
    TARGETS.map(({ id }) => [
      id,
      {
        baseUrl: sandbox.baseUrls[id],
        authorizationEndpoint: sandbox.authorizationEndpoints[id],
        clientId: DEFAULT_CLIENTS[id].clientId,
        clientSecret: DEFAULT_CLIENTS[id].clientSecret,
      },
    ]),
  ),
  tokenDir: mkdtempSync(join(tmpdir(), "connect-tokens-")),
  port: Number(process.argv[2] ?? 0),
  now: () => sandbox.clock.now(),
});
console.log(`example app: ${app.url}  (sandbox: ${sandbox.url})`);
