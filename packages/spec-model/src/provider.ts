// Provider facts: the package made from the spec (info.x-sdk), the token facts (info.x-sdk-tokens), the server,
// the authorization code flow.
import { type AuthorizationFlowModel, readAuthorizationFlow } from "./authorization.js";
import type { RefreshTokenRotation, TokensExtension } from "./document.js";
import { extensionObject, readScopeSeparator } from "./extension-values.js";
import { isIdentifier } from "./naming.js";
import { pointer } from "./pointer.js";
import type { SpecDocument } from "./read.js";

/** `info.x-sdk-tokens`, checked. */
export type TokenFacts = TokensExtension;

export interface ProviderModel {
  /** The spec's file name without extension ("douyin"). */
  id: string;
  title: string;
  version: string;
  packageName: string;
  /** The package folder: the package name without its scope. */
  folderName: string;
  errorClass: string;
  clientFactory: string;
  /** "createDouyinClient" → "DouyinClient". */
  clientType: string;
  /** The first server's URL without a trailing slash; absent for a vendor spec without `servers`. */
  baseUrl?: string;
  tokens: TokenFacts;
  /** The OAuth 2 authorization code flow, with `x-sdk-authorization`; absent when the spec declares none. */
  authorization?: AuthorizationFlowModel;
}

const ROTATIONS: readonly RefreshTokenRotation[] = ["fixed", "rotated", "continuous"];

export function readProvider(spec: SpecDocument, id: string): ProviderModel {
  const doc = spec.document;
  const sdk = doc.info?.["x-sdk"];
  const sdkPlace = pointer("info", "x-sdk");
  if (!sdk) spec.fail(sdkPlace, "missing info.x-sdk (package, errorClass, clientFactory)");
  const packageName = requiredString(spec, sdk.package, `${sdkPlace}/package`);
  const errorClass = requiredIdentifier(spec, sdk.errorClass, `${sdkPlace}/errorClass`);
  const clientFactory = requiredIdentifier(spec, sdk.clientFactory, `${sdkPlace}/clientFactory`);
  if (!/^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/.test(packageName)) {
    spec.fail(`${sdkPlace}/package`, `"${packageName}" is not an npm package name`);
  }
  if (!/^create[A-Z]\w*Client$/.test(clientFactory)) {
    spec.fail(
      `${sdkPlace}/clientFactory`,
      'must look like "create<Name>Client" (the client type is "<Name>Client")',
    );
  }
  const baseUrl = doc.servers?.[0]?.url;
  // A vendor's document may leave its server out: every client then names one.
  if (!baseUrl && !isVendorSpec(spec))
    spec.fail(pointer("servers"), "needs a server URL (the default base URL)");
  const authorization = readAuthorizationFlow(spec);
  return {
    id,
    title: doc.info.title,
    version: doc.info.version,
    packageName,
    folderName: packageName.replace(/^@[^/]+\//, ""),
    errorClass,
    clientFactory,
    clientType: clientFactory.slice("create".length),
    ...(baseUrl ? { baseUrl: baseUrl.replace(/\/+$/, "") } : {}),
    tokens: readTokens(spec),
    ...(authorization ? { authorization } : {}),
  };
}

/**
 * A vendor's document kept as published (`info.x-sdk.vendorSpec: true`): our house rules (declared errors, `servers`)
 * only warn, and the model reads what the spec leaves out as specs/README.md says.
 */
export function isVendorSpec(spec: SpecDocument): boolean {
  return spec.document.info?.["x-sdk"]?.vendorSpec === true;
}

function readTokens(spec: SpecDocument): TokenFacts {
  const raw = spec.document.info?.["x-sdk-tokens"];
  const place = pointer("info", "x-sdk-tokens");
  if (raw === undefined) return {};
  extensionObject(spec, raw, place);
  const facts: TokenFacts = {};
  for (const key of ["accessTokenLifetime", "refreshTokenLifetime"] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isInteger(value) || value <= 0)
      spec.fail(`${place}/${key}`, "must be a positive number of seconds");
    facts[key] = value;
  }
  if (raw.refreshTokenRotation !== undefined) {
    if (!ROTATIONS.includes(raw.refreshTokenRotation))
      spec.fail(`${place}/refreshTokenRotation`, `must be one of ${ROTATIONS.join(", ")}`);
    facts.refreshTokenRotation = raw.refreshTokenRotation;
  }
  const scopeSeparator = readScopeSeparator(spec, raw.scopeSeparator, `${place}/scopeSeparator`);
  if (scopeSeparator !== undefined) facts.scopeSeparator = scopeSeparator;
  return facts;
}

function requiredString(spec: SpecDocument, value: unknown, place: string): string {
  if (typeof value !== "string" || value === "") spec.fail(place, "must be a non-empty string");
  return value;
}

function requiredIdentifier(spec: SpecDocument, value: unknown, place: string): string {
  const text = requiredString(spec, value, place);
  if (!isIdentifier(text)) spec.fail(place, `"${text}" is not a TypeScript identifier`);
  return text;
}
