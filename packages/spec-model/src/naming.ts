// Names the model gives: classes from tags, methods from operationIds, types from schema names.
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "implements interface let package private protected public static yield any boolean number string symbol " +
    "never unknown object undefined"
  ).split(" "),
);

function words(text: string): string[] {
  return text.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
}

/** "oauth" → "Oauth", "OAuth" → "OAuth", "application_access" → "ApplicationAccess". */
export function pascalCase(text: string): string {
  return words(text)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

/** "oauth/token" → "oauthToken"; an identifier stays as it is. */
export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

export function isIdentifier(text: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(text) && !RESERVED.has(text);
}

/** A schema name as an exported type name. */
export function typeName(schemaName: string): string {
  if (isIdentifier(schemaName) && /^[A-Z]/.test(schemaName)) return schemaName;
  const name = pascalCase(schemaName);
  return /^[0-9]/.test(name) ? `Model${name}` : name;
}

/** The API class of a tag: PascalCase(tag) + "Api". */
export function className(tag: string): string {
  return `${pascalCase(tag)}Api`;
}
