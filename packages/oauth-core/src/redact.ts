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

// A secret key in any case and with "_", "-" or nothing between its words: client_secret, client-secret, clientSecret.
const KEY_ALTERNATION = SECRET_KEYS.map((key) => key.replace(/_/g, "[_-]?")).join("|");
const SECRET_KEY_PATTERN = new RegExp(`^(?:${KEY_ALTERNATION})$`, "i");

/** Whether a key (a request field, a header) holds a secret. */
export function isSecretField(key: string): boolean {
  return SECRET_KEY_PATTERN.test(key);
}

/** A deep copy of `value` in which the values of secret keys are replaced with "[redacted]". */
export function redact<T>(value: T): T {
  return redactValue(value, new WeakSet()) as T;
}

function redactValue(value: unknown, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen));
  if (value instanceof URLSearchParams) {
    const copy = new URLSearchParams();
    for (const [key, item] of value) copy.append(key, isSecretField(key) ? REDACTED : item);
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      isSecretField(key) && item !== undefined && item !== null ? REDACTED : redactValue(item, seen);
  }
  return copy;
}

// "key": "value" (also cut off before its closing quote), "key": 123, key=value, key: value.
const KEY_VALUE_PATTERN = new RegExp(
  `((?:["']?)\\b(?:${KEY_ALTERNATION})\\b["']?\\s*[:=]\\s*)((?:Basic|Bearer)\\s+[^\\s&,;}\\]"']+|"(?:[^"\\\\]|\\\\.)*(?:"|$)|'[^']*(?:'|$)|[^\\s&,;}\\]"'<]+)`,
  "gi",
);
// Credentials after an auth scheme name, e.g. in an echoed header.
const AUTH_SCHEME_PATTERN = /\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]+/g;

/** `text` with the values of secret keys (JSON, form, query or header style) replaced with "[redacted]". */
export function redactText(text: string): string {
  return text
    .replace(KEY_VALUE_PATTERN, (_match, prefix: string, secret: string) => {
      const quote = secret.startsWith('"') ? '"' : secret.startsWith("'") ? "'" : "";
      return `${prefix}${quote}${REDACTED}${quote}`;
    })
    .replace(AUTH_SCHEME_PATTERN, (_match, scheme: string) => `${scheme} ${REDACTED}`);
}

/** `text` with every occurrence of the given secret values replaced, whatever their key. */
export function scrubValues(text: string, secrets: Iterable<string>): string {
  // Longest first, so a secret that contains another is replaced whole.
  for (const secret of [...new Set(secrets)].sort((a, b) => b.length - a.length)) {
    for (const form of new Set([secret, encodeURIComponent(secret)]))
      if (secret) text = text.replaceAll(form, REDACTED);
  }
  return text;
}

/** A copy of parsed JSON in which every string has the given secret values replaced (see scrubValues). */
export function scrubDeep<T>(value: T, secrets: Iterable<string>): T {
  const list = [...secrets];
  const walk = (item: unknown): unknown => {
    if (typeof item === "string") return scrubValues(item, list);
    if (Array.isArray(item)) return item.map(walk);
    if (item !== null && typeof item === "object") {
      return Object.fromEntries(Object.entries(item).map(([key, child]) => [key, walk(child)]));
    }
    return item;
  };
  return walk(value) as T;
}
