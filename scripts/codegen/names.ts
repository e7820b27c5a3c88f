// Every name a generated package exports is claimed once: two owners of one name fail with the place.
import { pointer, type SpecDocument, type SpecModel, typeName } from "@x/spec-model";
import { paramsTypeName } from "./type-expressions.js";

const FIXED_EXPORTS = "paths components operations webhooks Configuration OAuthApiError RequestOptions";

export function claimExportedNames(spec: SpecDocument, model: SpecModel): void {
  const owners = new Map<string, string>();
  const claim = (name: string, owner: string) => {
    const previous = owners.get(name);
    if (previous !== undefined)
      spec.fail(pointer("components", "schemas"), `the name ${name} is used by ${previous} and by ${owner}`);
    owners.set(name, owner);
  };
  for (const name of FIXED_EXPORTS.split(" ")) claim(name, "the package's fixed exports");
  claim(model.provider.errorClass, "info.x-sdk.errorClass");
  claim(`${model.provider.errorClass}Body`, "the error body type");
  claim(model.provider.clientFactory, "info.x-sdk.clientFactory");
  claim(model.provider.clientType, "the client type");
  for (const cls of model.classes) claim(cls.name, `the API class of tag ${cls.tag}`);
  for (const method of model.methods) {
    claim(paramsTypeName(method), `the parameters of ${method.className}.${method.name}`);
    for (const overload of method.overloads ?? [])
      claim(
        paramsTypeName(method, overload),
        `the parameters of ${method.className}.${method.name} with ${overload.request ?? `${overload.variant.discriminator.property} ${overload.variant.discriminator.value}`}`,
      );
  }
  for (const schemaName of Object.keys(model.schemas))
    claim(typeName(schemaName), `components.schemas.${schemaName}`);
}
