// Names the model gives: classes from tags, methods from operationIds, types from schema names.
const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "implements interface let package private protected public static yield any boolean number string symbol " +
    "never unknown object undefined"
  ).split(" "),
);

// Letters (any script), digits and combining marks make words; everything else (`#`, `.`, `_`, spaces) separates.
function words(text: string): string[] {
  return text.split(/[^\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}]+/u).filter((word) => word.length > 0);
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
  return /^[\p{ID_Start}_$][\p{ID_Continue}$\u200C\u200D]*$/u.test(text) && !RESERVED.has(text);
}

/**
 * The method name of an operation: its operationId in camelCase, else (none, or nothing but punctuation) its method
 * and path ("POST /token" → "postToken"); "_" goes before a name that would not be an identifier ("2fa", "delete").
 */
export function methodName(operationId: string | undefined, httpMethod: string, path: string): string {
  const name = camelCase(operationId ?? "") || camelCase(`${httpMethod.toLowerCase()} ${path}`);
  return isIdentifier(name) ? name : `_${name}`;
}

/** A schema name as an exported type name. */
export function typeName(schemaName: string): string {
  if (isIdentifier(schemaName) && /^[A-Z]/.test(schemaName)) return schemaName;
  const name = pascalCase(schemaName);
  return /^[0-9]/.test(name) ? `Model${name}` : name;
}

/** The API class of a tag: PascalCase(tag) + "Api". */
export function className(tag: string): string {
  const name = `${pascalCase(tag)}Api`;
  return isIdentifier(name) ? name : `Tag${name}`;
}
