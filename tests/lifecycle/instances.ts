// Starts app instances (./instance.ts) as separate Node processes and talks to them over IPC.
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import type { Command, InstanceConfig, Outcome } from "./instance.js";

export interface Instance {
  process: ChildProcess;
  /** Runs `callers` callers of getAccessToken at once; resolves with their outcomes. */
  go(callers: number): Promise<Outcome[]>;
  /** Sends a command and waits for its answer. */
  command<T = unknown>(command: Command): Promise<T>;
  pause(): void;
  resume(): void;
  kill(): void;
}

export async function startInstance(config: InstanceConfig): Promise<Instance> {
  const child = fork(join(import.meta.dirname, "instance.ts"), [JSON.stringify(config)], {
    execArgv: ["--import", "tsx"],
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
  const command = <T>(sent: Command) =>
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
    go: async (callers) => (await command<{ outcomes: Outcome[] }>({ type: "go", callers })).outcomes,
    command,
    pause: () => child.kill("SIGSTOP"),
    resume: () => child.kill("SIGCONT"),
    kill: () => {
      child.kill("SIGCONT");
      child.kill("SIGKILL");
    },
  };
}
