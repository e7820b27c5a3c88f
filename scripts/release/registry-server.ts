// Child process of registry.ts: one Verdaccio on 127.0.0.1 at an ephemeral port, configured by the YAML file
// given as the only argument. Prints one JSON line {"port": N} once it listens, and exits when told to
// (SIGTERM/SIGINT) or when its parent goes away (stdin closes), so it never outlives the run that started it.
import type { Server } from "node:http";
import { runServer } from "verdaccio";

const configFile = process.argv[2];
if (!configFile) {
  process.stderr.write("usage: registry-server.ts <config.yaml>\n");
  process.exit(2);
}

const server = (await runServer(configFile)) as Server;

function shutDown(code: number): void {
  server.closeAllConnections();
  server.close(() => process.exit(code));
  // Keep-alive sockets of clients that are gone must not hold the exit.
  setTimeout(() => process.exit(code), 2_000).unref();
}

process.on("SIGTERM", () => shutDown(0));
process.on("SIGINT", () => shutDown(0));
process.stdin.on("end", () => shutDown(0));
process.stdin.on("error", () => shutDown(0));
process.stdin.resume();

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address === null || typeof address === "string") {
    process.stderr.write("the registry did not get a TCP port\n");
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
});
