// Redocly plugin (redocly.yaml `plugins`): tells the linter which of our x-sdk* extensions hold an OpenAPI Schema,
// so it lints them as schemas and counts their $refs as uses (no-unused-components); specs/README.md lists them.
const schemaExtensions = { Response: ["x-sdk-success-schema"] };

export default function sdkTypes() {
  return {
    id: "sdk-types",
    typeExtension: {
      oas3(types) {
        const extended = { ...types };
        for (const [typeName, keys] of Object.entries(schemaExtensions)) {
          const type = types[typeName];
          const added = Object.fromEntries(keys.map((key) => [key, "Schema"]));
          extended[typeName] = { ...type, properties: { ...type.properties, ...added } };
        }
        return extended;
      },
    },
  };
}
