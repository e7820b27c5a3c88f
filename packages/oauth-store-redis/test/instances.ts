// Starts app instances as separate Node processes and talks to them over IPC: each command carries an id, and its
// answer comes back with the same id. Used by this package's tests, the fault suite (tests/lifecycle) and the bench.
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import type { AccountsCommand, AccountsInstanceConfig } from "./accounts-instance.js";
import type { Command, InstanceConfig, Outcome } from "./instance.js";

export interface Instance<C extends { type: string } = Command> {
  process: ChildProcess;
  /** Sends a command and waits for its answer. */
  command<T = unknown>(command: C): Promise<T>;
  pause(): void;
  resume(): void;
  kill(): void;
}

export interface AppInstance extends Instance<Command> {
  /** Runs `callers` callers of getAccessToken at once; resolves with their outcomes. */
  go(callers: number): Promise<Outcome[]>;
}

/** One TokenManager (./instance.ts). */
export async function startInstance(config: InstanceConfig): Promise<AppInstance> {
  const instance = await startProcess<Command>("instance.ts", config);
  return {
    ...instance,
    go: async (callers) =>
      (await instance.command<{ outcomes: Outcome[] }>({ type: "go", callers })).outcomes,
  };
}

/** Many accounts through createTokenManagers (./accounts-instance.ts), with a full collection at hand. */
export function startAccountsInstance(config: AccountsInstanceConfig): Promise<Instance<AccountsCommand>> {
  return startProcess<AccountsCommand>("accounts-instance.ts", config, ["--expose-gc"]);
}

async function startProcess<C extends { type: string }>(
  script: string,
  config: object,
  execArgv: string[] = [],
): Promise<Instance<C>> {
  const child = fork(join(import.meta.dirname, script), [JSON.stringify(config)], {
    execArgv: ["--import", "tsx", ...execArgv],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`instance exited with ${code} before it was ready`)));
    child.on("message", (message: { type?: string }) => {
      if (message.type === "ready") resolve();
    });
  });
  child.removeAllListeners("exit");
  let sentCount = 0;
  const command = <T>(sent: C) =>
    new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null, signal: string | null) =>
        reject(new Error(`instance ended (${code ?? signal}) before answering ${sent.type}`));
      child.once("exit", onExit);
      const id = ++sentCount;
      const onMessage = (message: { id?: number }) => {
        if (message.id !== id) return;
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(message as T);
      };
      child.on("message", onMessage);
      child.send({ ...sent, id });
    });
  return {
    process: child,
    command,
    pause: () => child.kill("SIGSTOP"),
    resume: () => child.kill("SIGCONT"),
    kill: () => {
      child.kill("SIGCONT");
      child.kill("SIGKILL");
    },
  };
}
