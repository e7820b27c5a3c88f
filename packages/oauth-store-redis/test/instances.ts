// Starts app instances (test/instance.ts) as separate Node processes and collects what their callers got.
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import type { InstanceConfig, Outcome } from "./instance.js";

export interface Instance {
  process: ChildProcess;
  /** Lets every caller of the instance ask at once; resolves with their outcomes. */
  go(): Promise<Outcome[]>;
}

export async function startInstance(config: InstanceConfig): Promise<Instance> {
  const child = fork(join(import.meta.dirname, "instance.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, INSTANCE_CONFIG: JSON.stringify(config) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`instance exited with ${code} before it was ready`)));
    child.on("message", (message: { type?: string }) => {
      if (message.type === "ready") resolve();
    });
  });
  child.removeAllListeners("exit");
  return {
    process: child,
    go: () =>
      new Promise<Outcome[]>((resolve, reject) => {
        child.once("exit", (code, signal) =>
          reject(new Error(`instance ended (${code ?? signal}) before reporting`)),
        );
        child.on("message", (message: { type?: string; outcomes?: Outcome[] }) => {
          if (message.type === "done") resolve(message.outcomes ?? []);
        });
        child.send("go");
      }),
  };
}
