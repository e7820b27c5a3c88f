import { TokenStoreError } from "./token-store.js";

/** One encryption key of a token store: 32 random bytes (AES-256) and an id stored with what it encrypted. */
export interface TokenEncryptionKey {
  /** Letters, digits, "_" and "-", at most 64: stored in clear next to each entry, to pick the key that opens it. */
  id: string;
  /** 32 bytes, e.g. `Buffer.from(process.env.TOKEN_KEY, "base64")`. */
  key: Uint8Array;
}

/** Encryption at rest of a token store: the first key encrypts, every key decrypts (rotation). */
export interface TokenEncryptionOptions {
  keys: readonly TokenEncryptionKey[];
}

/** What an encrypted value starts with, followed by `<key id>.<iv>.<ciphertext and tag>` (base64url). */
const FORMAT = "aes256gcm";
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * AES-256-GCM through WebCrypto (every runtime has it). Each value gets a random 96-bit IV; the key id, the account
 * key and the field are bound as associated data, so a value copied to another account or field does not decrypt.
 */
export class TokenEncryption {
  readonly #keys = new Map<string, Promise<CryptoKey>>();
  readonly #current: string;

  constructor(options: TokenEncryptionOptions) {
    const [first] = options.keys;
    if (first === undefined) throw new TypeError("encryption needs at least one key");
    for (const { id, key } of options.keys) {
      if (!KEY_ID.test(id))
        throw new TypeError(
          `encryption key id ${JSON.stringify(id)}: use 1 to 64 letters, digits, "_" or "-"`,
        );
      if (!(key instanceof Uint8Array) || key.byteLength !== 32)
        throw new TypeError(`encryption key "${id}" must be 32 bytes (AES-256)`);
      if (this.#keys.has(id)) throw new TypeError(`encryption key id "${id}" is given twice`);
      this.#keys.set(
        id,
        subtle().importKey("raw", new Uint8Array(key), "AES-GCM", false, ["encrypt", "decrypt"]),
      );
    }
    this.#current = first.id;
  }

  /** Whether a stored value is one this class wrote (with any key). */
  static isSealed(value: unknown): value is string {
    return typeof value === "string" && value.startsWith(`${FORMAT}.`);
  }

  /** Encrypts `text` (the JSON of a stored value) with the first key, for `field` of the account `account`. */
  async seal(account: string, field: string, text: string): Promise<string> {
    const id = this.#current;
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
    const sealed = await subtle().encrypt(
      { name: "AES-GCM", iv, additionalData: boundData(id, account, field) },
      await (this.#keys.get(id) as Promise<CryptoKey>),
      new TextEncoder().encode(text),
    );
    return [FORMAT, id, base64url(iv), base64url(new Uint8Array(sealed))].join(".");
  }

  /**
   * Decrypts what `seal` wrote for the same account and field. `where` names the entry in errors, which never hold
   * the value: a tampered, copied or malformed value, or one from a key not configured, is a TokenStoreError.
   */
  async open(account: string, field: string, sealed: string, where: string): Promise<string> {
    const [format, id = "", iv, data, ...rest] = sealed.split(".");
    const key = this.#keys.get(id);
    if (format !== FORMAT || iv === undefined || data === undefined || rest.length > 0)
      throw new TokenStoreError(`${where} is not an encrypted entry`);
    if (key === undefined)
      throw new TokenStoreError(
        `${where} is encrypted with key "${id}", which is not among the configured keys`,
      );
    try {
      const text = await subtle().decrypt(
        { name: "AES-GCM", iv: fromBase64url(iv), additionalData: boundData(id, account, field) },
        await key,
        fromBase64url(data),
      );
      return new TextDecoder("utf-8", { fatal: true }).decode(text);
    } catch {
      throw new TokenStoreError(
        `${where} cannot be decrypted with key "${id}": tampered with, or copied from another account`,
      );
    }
  }
}

function subtle(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new TokenStoreError("token encryption needs WebCrypto (globalThis.crypto.subtle)");
  return subtle;
}

function boundData(id: string, account: string, field: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify([FORMAT, id, account, field]));
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return new Uint8Array(); // not base64: fails to decrypt like any tampered value
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * One stored field as a store reads it. With encryption, it must be encrypted: returns its JSON parsed. Without,
 * an encrypted value is an error (the keys are missing) and anything else is returned as stored.
 */
export async function openStoredField(
  encryption: TokenEncryption | undefined,
  account: string,
  field: string,
  stored: unknown,
  where: string,
): Promise<unknown> {
  if (encryption === undefined) {
    if (TokenEncryption.isSealed(stored))
      throw new TokenStoreError(`${where} is encrypted: give the store its encryption keys`);
    return stored;
  }
  if (!TokenEncryption.isSealed(stored))
    throw new TokenStoreError(`${where} is not encrypted, but this store encrypts every entry`);
  const text = await encryption.open(account, field, stored, where);
  try {
    return JSON.parse(text);
  } catch {
    throw new TokenStoreError(`${where} decrypts to something that is not JSON`);
  }
}
