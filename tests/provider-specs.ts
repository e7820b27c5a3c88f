// The providers of specs/, as the lifecycle tests and the runtime matrix drive them: each spec read once with
// @x/spec-model and described as plain data (./runtimes/smoke/grants.mjs turns a description into requests).
import path from "node:path";
import { fieldRoles, type GrantCallModel, listSpecs, loadSpecModel, type SpecModel } from "@x/spec-model";
import { repoRoot } from "../scripts/repo.js";
import type { GrantDescription, ProviderDescription } from "./runtimes/smoke/grants.mjs";

/** The request of one grant: the SDK method that sends it, and each of its fields with its OAuth role. */
function grantDescription(model: SpecModel, call: GrantCallModel): GrantDescription {
  const method = call.method;
  const roles = fieldRoles(model.spec, call.fields, method.place);
  // A renamed client id (Douyin's client_key) is named by the authorization flow, where the spec has one.
  const clientIdName = model.provider.authorization?.clientIdName;
  return {
    className: method.className,
    method: method.name,
    // The sandbox counts a request under its x-sdk-methods entry's name, else under the operationId.
    countName: method.entries.length > 0 ? method.name : method.operation.operationId,
    fields: call.fields.map((field) => {
      const role = roles.get(field.name) ?? (field.name === clientIdName ? "client_id" : undefined);
      return { name: field.name, required: field.required, ...(role ? { role } : {}) };
    }),
    // A grant_type the method fills in itself is not passed.
    ...(method.defaults.grant_type === undefined ? { grantType: call.grant } : {}),
  };
}

/**
 * What the spec says of one provider, as plain data (JSON, for the runtime matrix's consumer project); undefined
 * when no success is a token answer (no `x-sdk-token`): the package then has no toTokenSet or token manager.
 */
export function describeProvider(model: SpecModel): ProviderDescription | undefined {
  const lifecycle = model.lifecycle;
  if (!lifecycle) return undefined;
  const { id } = model.provider;
  const calls = [...(lifecycle.exchange ? [lifecycle.exchange] : []), ...lifecycle.renewals];
  const flows = Object.values(model.securitySchemes).flatMap((scheme) => Object.values(scheme.flows ?? {}));
  const scope = flows.flatMap((flow) => Object.keys(flow?.scopes ?? {}))[0];
  const errorInBody = calls.some((call) => call.method.operation.errorInBody !== undefined);
  return {
    id,
    packageName: model.provider.packageName,
    errorClass: model.provider.errorClass,
    basic: calls.some((call) => call.method.operation.clientAuthentication.includes("client_secret_basic")),
    ...(model.provider.authorization ? { clientIdName: model.provider.authorization.clientIdName } : {}),
    refreshTokenExpiry:
      model.provider.tokens.refreshTokenLifetime !== undefined ||
      lifecycle.token.fields.refreshTokenExpiresIn !== undefined ||
      lifecycle.token.fields.refreshTokenExpiresAt !== undefined,
    ...(scope ? { scope } : {}),
    errorInBody,
    grants: Object.fromEntries(calls.map((call) => [call.grant, grantDescription(model, call)])),
  };
}

/** Every spec in specs/ with a token lifecycle, described, in file order. */
export function providerDescriptions(specsDir = path.join(repoRoot, "specs")): ProviderDescription[] {
  return listSpecs(specsDir).flatMap(({ file }) => describeProvider(loadSpecModel(file)) ?? []);
}
