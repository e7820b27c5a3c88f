// Checks of what a caller configures, where it is given: a TypeError naming the option and what is wrong with its
// value, before anything is sent. Only own properties are read, so nothing set on Object.prototype is taken as one.
import type { CallLimits } from "./types.js";

/** `object[key]` when it is the object's own property, else undefined. */
export function own<T extends object, K extends keyof T>(object: T | undefined, key: K): T[K] | undefined {
  return object && Object.hasOwn(object, key) ? object[key] : undefined;
}

/** A plain object ({…} or Object.create(null)): what a method's parameters and options are. */
export function isPlainObject(value: unknown): value is object {
  const prototype = value !== null && typeof value === "object" && Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** What a numeric option must be, and the test of a number. */
export type NumberRule = readonly [what: string, valid: (value: number) => boolean];

/** The largest delay a timer takes (2^31 − 1 ms); a larger one fires at once. */
const MAX_DELAY_MS = 2_147_483_647;

export const MILLISECONDS: NumberRule = [
  `a positive integer of milliseconds (at most ${MAX_DELAY_MS})`,
  (value) => Number.isInteger(value) && value > 0 && value <= MAX_DELAY_MS,
];
const POSITIVE_INTEGER: NumberRule = [
  "a positive integer",
  (value) => Number.isSafeInteger(value) && value > 0,
];
const COUNT: NumberRule = ["an integer of 0 or more", (value) => Number.isSafeInteger(value) && value >= 0];
const POSITIVE: NumberRule = ["a positive finite number", (value) => value > 0 && value < Infinity];

/**
 * Throws a TypeError naming the option unless its value is a number the rule takes, or left out (undefined) when
 * the option is not `required`. The value is shown, a string cut short: options hold no secrets.
 */
export function checkNumber(name: string, value: unknown, [what, valid]: NumberRule, required = false): void {
  if ((required || value !== undefined) && !(typeof value === "number" && valid(value)))
    throw new TypeError(
      `${name} must be ${what}, got ${typeof value === "string" ? JSON.stringify(value.slice(0, 20)) : Object(value) === value ? `an ${typeof value}` : String(value)}`,
    );
}

/**
 * The limits a configuration or a call's options give, read from own properties and checked: `timeout` a positive
 * integer of milliseconds, `maxResponseBytes` a positive integer, `retry.retries` a non-negative integer and
 * `retry.maxDelayMs` a positive finite number.
 */
export function checkedLimits(limits: CallLimits): CallLimits {
  const timeout = own(limits, "timeout");
  const maxResponseBytes = own(limits, "maxResponseBytes");
  const retry = own(limits, "retry");
  checkNumber("timeout", timeout, MILLISECONDS);
  checkNumber("maxResponseBytes", maxResponseBytes, POSITIVE_INTEGER);
  if (retry === undefined) return { timeout, maxResponseBytes };
  if (!isPlainObject(retry)) throw new TypeError("retry must be an object: { retries, maxDelayMs? }");
  const retries = own(retry, "retries") as number;
  const maxDelayMs = own(retry, "maxDelayMs");
  checkNumber("retry.retries", retries, COUNT, true);
  checkNumber("retry.maxDelayMs", maxDelayMs, POSITIVE);
  return { timeout, maxResponseBytes, retry: { retries, maxDelayMs } };
}
