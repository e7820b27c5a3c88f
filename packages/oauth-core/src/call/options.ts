// Checks of what a caller configures, where it is given: a TypeError naming the option and what is wrong with its
// value, before anything is sent. Only own properties are read, so nothing set on Object.prototype is taken as one.
import type { CallLimits } from "./types.js";

/** `object[key]` when it is the object's own property, else undefined. */
export function own<T extends object, K extends keyof T>(object: T | undefined, key: K): T[K] | undefined {
  return object && Object.hasOwn(object, key) ? object[key] : undefined;
}

/** A plain object ({…} or Object.create(null)): what a method's parameters and options are. */
export function isPlainObject(value: unknown): value is object {
  return Object(value) === value && [Object.prototype, null].includes(Object.getPrototypeOf(value));
}

/** The largest delay a timer takes (2^31 − 1 ms); a larger one fires at once. */
export const MAX_DELAY_MS = 2_147_483_647;

/** What a numeric option must be, and the test of a number. */
type NumberRule = readonly [what: string, valid: (value: number) => boolean];

const MILLISECONDS: NumberRule = [
  `a positive integer of milliseconds (at most ${MAX_DELAY_MS})`,
  (value) => Number.isSafeInteger(value) && value > 0 && value <= MAX_DELAY_MS,
];

/**
 * The own option `key` of `object` (`prefix` names the object in the message), checked: a TypeError naming the option
 * unless its value is a number the rule takes, or left out (undefined) when the option is not `required`. The value
 * is shown, a string cut short: options hold no secrets.
 */
function limit<T>(object: object, key: string, [what, valid]: NumberRule, prefix = "", required = false): T {
  const value = own(object as Record<string, unknown>, key);
  if ((required || value !== undefined) && !(typeof value === "number" && valid(value)))
    throw new TypeError(
      `${prefix}${key} must be ${what}, got ${typeof value === "string" ? JSON.stringify(value.slice(0, 20)) : Object(value) === value ? `an ${typeof value}` : String(value)}`,
    );
  return value as T;
}

/**
 * The limits a configuration or a call's options give, read from own properties and checked: `timeout` a positive
 * integer of milliseconds, `maxResponseBytes` a positive integer, `retry.retries` (required) a non-negative integer
 * and `retry.maxDelayMs` a positive finite number. A `retry` that is not an object has no own `retries`: the check
 * names that.
 */
export function checkedLimits(limits: CallLimits): CallLimits {
  const retry = own(limits, "retry");
  return {
    timeout: limit(limits, "timeout", MILLISECONDS),
    maxResponseBytes: limit(limits, "maxResponseBytes", [
      "a positive integer",
      (value) => Number.isSafeInteger(value) && value > 0,
    ]),
    retry:
      retry === undefined
        ? undefined
        : {
            retries: limit(
              retry,
              "retries",
              ["an integer of 0 or more", (value) => Number.isSafeInteger(value) && value >= 0],
              "retry.",
              true,
            ),
            maxDelayMs: limit(
              retry,
              "maxDelayMs",
              ["a positive finite number", (value) => value > 0 && value < Infinity],
              "retry.",
            ),
          },
  };
}

/** Checks options that are durations (own properties): each left out or a positive integer of milliseconds. */
export function checkMilliseconds(options: object, names: readonly string[]): void {
  for (const name of names) limit(options, name, MILLISECONDS);
}

/** Throws a TypeError naming both options when both are given and `longer` does not exceed `shorter`. */
export function checkLonger(options: object, longer: string, shorter: string): void {
  const value = own(options as Record<string, number | undefined>, longer);
  const bound = own(options as Record<string, number | undefined>, shorter);
  if (value !== undefined && bound !== undefined && value <= bound)
    throw new TypeError(`${longer} must be longer than ${shorter} (${bound} ms), got ${value}`);
}
