/** Keys whose values are secrets: never shown in an error message, a log line or a snapshot. */
export const SECRET_KEYS: readonly string[] = [
  "client_secret",
  "code",
  "access_token",
  "refresh_token",
  "id_token",
  "password",
  "authorization",
];

export const REDACTED = "[redacted]";

// SECRET_KEYS in any case and with "_", "-" or nothing between their words: client_secret, client-secret,
// clientSecret (a test holds the two lists together).
const KEYS = "client[_-]?secret|code|(?:access|refresh|id)[_-]?token|password|authorization";
const SECRET_KEY_PATTERN = /* @__PURE__ */ new RegExp(`^(?:${KEYS})$`, "i");

/** Whether a key (a request field, a header) holds a secret. */
export function isSecretField(key: string): boolean {
  return SECRET_KEY_PATTERN.test(key);
}

/** A deep copy of `value` in which the values of secret keys are replaced with "[redacted]". */
export function redact<T>(value: T): T {
  return redactValue(value, new Map()) as T;
}

// `copies` maps each object already copied to its copy: a cycle points back into the copy, never at the original
// (whose secrets are not redacted).
function redactValue(value: unknown, copies: Map<object, unknown>): unknown {
  if (value === null || typeof value !== "object") return value;
  if (copies.has(value)) return copies.get(value);
  if (value instanceof URLSearchParams) {
    const copy = new URLSearchParams();
    for (const [key, item] of value) copy.append(key, isSecretField(key) ? REDACTED : item);
    return copy;
  }
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  copies.set(value, copy);
  for (const [key, item] of Object.entries(value)) {
    (copy as Record<string, unknown>)[key] =
      isSecretField(key) && item !== undefined && item !== null ? REDACTED : redactValue(item, copies);
  }
  return copy;
}

// One pattern for both: a secret key's value ("key": "value", also cut off before its closing quote; key=value;
// key: Basic …), and the credentials after an auth scheme name anywhere (an echoed header), but not after a grant
// type's name ("…:jwt-bearer is not supported"). A number that ends at a JSON delimiter (`"code": 1,` or `}`) is a
// provider's error code, never a secret (JSON sends those as strings).
const SECRET_TEXT_PATTERN = /* @__PURE__ */ new RegExp(
  `(\\b(?:${KEYS})\\b["']?\\s*[:=]\\s*)(?!-?\\d+[,}])(?:(["'])(?:\\\\.|(?!\\2)[^\\\\])*\\2?|(?:Basic|Bearer)\\s+[^\\s&,;}\\]"']+|[^\\s&,;}\\]"'<[]+)|(?<![-:])\\b(Basic|Bearer)\\s+[\\w.~+/=-]+`,
  "gi",
);

/** `text` with the values of secret keys (JSON, form, query or header style) replaced with "[redacted]". */
export function redactText(text: string): string {
  return text.replace(SECRET_TEXT_PATTERN, (_match, key?: string, quote = "", scheme?: string) =>
    key ? key + quote + REDACTED + quote : `${scheme} ${REDACTED}`,
  );
}

/**
 * `text` with every occurrence of the given secret values (strings and numbers, as sent or percent-encoded) replaced,
 * whatever their key; empty ones and values of other types are skipped.
 * One pass, longest first: a secret that contains another is replaced whole, and no replacement is scanned again.
 */
export function scrubValues(text: string, secrets: Iterable<unknown>): string {
  const forms = [...secrets]
    .flatMap((secret) =>
      typeof secret === "string" || typeof secret === "number"
        ? [`${secret}`, encodeURIComponent(secret)]
        : [],
    )
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map((form) => form.replace(/[$()*+.?[\\\]^{|}]/g, "\\$&"));
  return forms[0] ? text.replace(new RegExp(forms.join("|"), "g"), REDACTED) : text;
}

/** A copy of parsed JSON in which every string has the given secret values replaced (see scrubValues). */
export function scrubDeep<T>(value: T, secrets: readonly unknown[]): T {
  return value === undefined
    ? value
    : JSON.parse(JSON.stringify(value), (_key, item) =>
        typeof item === "string" ? scrubValues(item, secrets) : item,
      );
}
