// Shared by the provider packages' integration tests: each runs its package against a real sandbox.
import { expect } from "vitest";

interface ProviderError extends Error {
  status: number;
  kind: string;
  code: string | number | undefined;
  description: string | undefined;
}

/** Awaits a rejection with the package's own error class and the expected fields; returns the error. */
export async function rejection<T extends ProviderError>(
  promise: Promise<unknown>,
  errorClass: abstract new (...args: never[]) => T,
  expected: { status: number; kind: string; code: string | number },
): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(errorClass);
  const typed = error as T;
  expect({ status: typed.status, kind: typed.kind, code: typed.code }).toEqual(expected);
  return typed;
}

// One assertion for every package: no secret in the message, stack, String(), JSON or inspect output.
export { expectNoSecrets } from "@x/test-utils/errors";
