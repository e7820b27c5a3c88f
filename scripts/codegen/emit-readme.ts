// Renders the README section between the markers: what the originals' docs give, from the spec.

import { loadOriginals } from "../originals.js";
import { emitLifecycleReadme } from "./emit-readme-lifecycle.js";
import { emitModelsSection, fieldsLink } from "./emit-readme-models.js";
import { cell, code } from "./markdown.js";
import type { FieldModel, MethodModel, OverloadModel, SdkModel } from "./model.js";
import { firstParagraph } from "./model.js";

export const README_START = "<!-- codegen:start -->";
export const README_END = "<!-- codegen:end -->";
const NOTE = "<!-- Generated from the spec by `pnpm generate`; edit the spec, not this section. -->";

const sentence = (text: string) => (text === "" || /[.!?。]$/.test(text) ? text : `${text}.`);
const anchor = (method: MethodModel) => `${method.className}${method.name}`.toLowerCase();

export function emitReadmeSection(model: SdkModel): string {
  const lines: string[] = [README_START, NOTE, "", ...emitLifecycleReadme(model), "## API", ""];
  lines.push(
    `Generated from ${code(model.specFile)} (${model.title}, version ${model.version}). Default base URL: ${code(model.baseUrl)}; ` +
      `set ${code("baseUrl")} in the configuration to use another host (for example a local sandbox).`,
    "",
    "| Class | Method | HTTP request | Description |",
    "|---|---|---|---|",
  );
  for (const method of model.methods) {
    lines.push(
      `| ${code(method.className)} | [${code(method.name)}](#${anchor(method)}) | ${code(`${method.httpMethod} ${method.path}`)} | ${cell(method.summary ?? "")} |`,
    );
  }
  const configured = model.classes[0]?.name ?? "Api";
  lines.push("", "### Configuration", "", "```ts");
  lines.push(
    `import { ${configured} } from "${model.packageName}";`,
    "",
    `const api = new ${configured}({`,
    `  baseUrl: ${JSON.stringify(model.baseUrl)}, // default`,
    "  fetch: globalThis.fetch, // optional: your own fetch",
    '  headers: { "X-Request-Id": "..." }, // optional: sent with every request',
  );
  if (model.usesBasic) {
    lines.push(
      '  clientId: "...", // HTTP Basic client authentication (RFC 6749 §2.3.1)',
      '  clientSecret: "...",',
    );
  }
  lines.push("});", "```", "");
  // A provider with an original generated client (specs/originals.json) keeps its names; any other, the spec's.
  const [names, result] =
    model.providerId in loadOriginals()
      ? ["the original client's parameter names", "the original's model"]
      : ["the spec's parameter names", "the spec's model"];
  lines.push(
    `Every method takes one object keyed by ${names} and returns a \`Promise\` of ${result}. Failures throw ${code(model.errorClass)} (a subclass of ${code("OAuthApiError")} from ` +
      `${code("@x/oauth-core")}) with ${code("status")}, ${code("kind")}, the parsed ${code("body")}, and the provider's ` +
      `${code("code")} and ${code("description")}; its message never contains a secret. ` +
      `${code(`${model.clientFactory}(config)`)} gives the low-level openapi-fetch client (${code("{ data, error }")} results), and ` +
      `${code("paths")}, ${code("components")}, ${code("operations")} and every model are exported as types.`,
    "",
  );
  for (const method of model.methods) lines.push(...methodSection(model, method));
  lines.push(...emitModelsSection(model));
  lines.push(README_END);
  return lines.join("\n");
}

function methodSection(model: SdkModel, method: MethodModel): string[] {
  const lines = [
    `<a id="${anchor(method)}"></a>`,
    "",
    `### ${code(`${method.className}.${method.name}(params${method.paramsOptional ? "?" : ""}, options?)`)}`,
    "",
  ];
  if (method.summary) lines.push(method.summary, "");
  if (method.description) lines.push(method.description.trim(), "");

  if (method.overloads) lines.push(...overloadSection(method, method.overloads));

  lines.push("#### Parameters", "");
  const direct = [...method.query, ...method.header, ...method.pathParams];
  const variants = method.bodyVariants;
  if (direct.length > 0 || variants.length === 1) {
    lines.push(
      ...fieldTable([...direct, ...(variants.length === 1 ? (variants[0]?.fields ?? []) : [])], method),
    );
  }
  if (variants.length > 1) {
    for (const variant of variants) {
      const which = variant.discriminator
        ? `When ${code(variant.discriminator.property)} is ${code(JSON.stringify(variant.discriminator.value))}`
        : "Variant";
      lines.push(
        `${which}${variant.schemaName ? ` (${code(variant.schemaName)})` : ""}:`,
        "",
        ...fieldTable(variant.fields, method),
      );
    }
  }
  if (direct.length === 0 && variants.length === 0) lines.push("None.", "");
  lines.push("`options` (optional): `{ headers?, signal? }` for this call only.", "");

  lines.push("#### Returns", "");
  if (method.overloads) {
    for (const overload of method.overloads) {
      lines.push(
        `- with ${code(`${overload.variant.discriminator.property}: ${JSON.stringify(overload.variant.discriminator.value)}`)}: ${code(`Promise<${readableType(overload.successTypeName)}>`)}${fieldsLink(overload.successSchemaName)}`,
      );
    }
    lines.push(
      `- with a value of type ${code(method.paramsTypeName)} (any of the above): ${code(`Promise<${readableType(method.successTypeName)}>`)}`,
      "",
    );
  } else {
    lines.push(
      `${code(`Promise<${readableType(method.successTypeName)}>`)}${fieldsLink(method.successSchemaName)}`,
      "",
    );
  }

  lines.push(
    "#### Errors",
    "",
    `Throws ${code(model.errorClass)}:`,
    "",
    "| Status | Body | When |",
    "|---|---|---|",
  );
  if (method.errorInBody) {
    const success = method.errorInBody.successCodes.map((value) => code(JSON.stringify(value))).join(" or ");
    // The success response's own model, which describes its errors too (the result may be narrower).
    const body = method.source.operation.success.body?.schemaName ?? "object";
    lines.push(
      `| ${method.successStatuses[0] ?? 200} | ${code(body)} | ${code(method.errorInBody.code)} is present and not ${success || "a success code"} (${code('kind: "in-body"')}); code from ${code(method.errorInBody.code)}${method.errorInBody.message ? `, description from ${code(method.errorInBody.message)}` : ""} |`,
    );
  }
  for (const error of method.errors) {
    lines.push(
      `| ${error.status} | ${error.schemaName ? code(error.schemaName) : error.typeExpression ? "JSON" : "none"} | ${sentence(cell(error.description ?? ""))}${error.code ? ` Code from ${code(error.code)}${error.message ? `, description from ${code(error.message)}` : ""}.` : ""} |`,
    );
  }
  lines.push(
    `| any | none or not JSON | an empty or non-JSON body (${code('kind: "http"')} for an error status; ${code('"empty-body"')} or ${code('"invalid-json"')} for a success status) |`,
    `| ${method.successStatuses[0] ?? 200} | JSON | not the success model, e.g. no ${code("access_token")} (${code('kind: "invalid-response"')}) |`,
    `| 3xx | any | a redirect, never followed (${code('kind: "redirect"')}) |`,
    `| any | any | a body over ${code("maxResponseBytes")} (${code('kind: "too-large"')}) |`,
    `| 0 | none | no response: connection refused or dropped (${code('kind: "network"')}), ${code("timeout")} ran out (${code('kind: "timeout"')}), or your ${code("signal")} aborted (${code('kind: "aborted"')}) |`,
    "",
  );

  lines.push("#### HTTP request", "", `- ${code(`${method.httpMethod} ${method.path}`)}`);
  if (method.originalPath && method.originalPath !== method.path) {
    lines.push(
      `- The original client requested ${code(JSON.stringify(method.originalPath))}; this method sends the spec's path.`,
    );
  }
  if (method.query.length > 0)
    lines.push(`- Query parameters: ${method.query.map((field) => code(field.name)).join(", ")}`);
  if (method.requestMediaType) {
    lines.push(`- ${code(`Content-Type: ${method.requestMediaType}`)}; fields left out are not sent`);
  } else {
    lines.push("- No request body");
  }
  lines.push(`- ${code(`Accept: ${method.accept.join(", ")}`)}`);
  lines.push(
    method.security.includes("client_secret_basic")
      ? "- Client authentication: HTTP Basic from `clientId` / `clientSecret` (each form-urlencoded, then base64 of UTF-8, RFC 6749 §2.3.1)"
      : "- No HTTP authentication: the credentials are request fields",
  );
  const defaults = Object.entries(method.defaults);
  if (defaults.length > 0) {
    lines.push(
      `- Filled in when left out: ${defaults.map(([key, value]) => `${code(key)} = ${code(JSON.stringify(value))}`).join(", ")}`,
    );
  }
  lines.push("", "#### Example", "", "```ts", ...example(model, method), "```", "");
  return lines;
}

/** Entries of x-sdk-methods sharing the method's name: one signature each, picked by the discriminator. */
function overloadSection(method: MethodModel, overloads: OverloadModel[]): string[] {
  const property = overloads[0]?.variant.discriminator.property ?? "";
  return [
    "#### Overloads",
    "",
    `One signature per ${code(property)}: the value you pass picks the parameters and the result type ` +
      `(a value of type ${code(method.paramsTypeName)}, whose ${code(property)} is not known in advance, resolves to ` +
      "any of the results).",
    "",
    `| ${code(property)} | Parameters | Returns | Description |`,
    "|---|---|---|---|",
    ...overloads.map(
      (overload) =>
        `| ${code(JSON.stringify(overload.variant.discriminator.value))} | ${code(overload.paramsTypeName)} | ${code(`Promise<${readableType(overload.successTypeName)}>`)} | ${cell(overload.summary ?? "")} |`,
    ),
    "",
  ];
}

function fieldTable(fields: FieldModel[], method: MethodModel): string[] {
  const rows = fields.map((field) => {
    const filled = method.defaults[field.name];
    const required =
      filled !== undefined ? `no (default ${code(JSON.stringify(filled))})` : field.required ? "yes" : "no";
    return `| ${code(field.name)} | ${field.in} | ${cell(code(field.type))} | ${required} | ${cell(firstParagraph(field.description ?? ""))} |`;
  });
  return ["| Name | In | Type | Required | Description |", "|---|---|---|---|---|", ...rows, ""];
}

function readableType(typeName: string): string {
  return typeName.includes("[") ? "object" : typeName;
}

function example(model: SdkModel, method: MethodModel): string[] {
  const envVar = `${model.providerId.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_BASE_URL`;
  const config = [`baseUrl: process.env.${envVar}`];
  if (method.security.includes("client_secret_basic"))
    config.push('clientId: "your-client-id"', 'clientSecret: "your-client-secret"');
  const args = Object.entries(method.example).map(
    ([key, value]) =>
      `    ${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${JSON.stringify(value)},`,
  );
  const [overload] = method.overloads ?? [];
  const call = [
    ...(overload
      ? [
          `  // ${overload.variant.discriminator.property} ${JSON.stringify(overload.variant.discriminator.value)} picks the overload: result is ${overload.successTypeName}`,
        ]
      : []),
    ...(args.length > 0
      ? [`  const result = await api.${method.name}({`, ...args, "  });"]
      : [`  const result = await api.${method.name}();`]),
  ];
  return [
    `import { ${method.className}, ${model.errorClass} } from "${model.packageName}";`,
    "",
    `// Unset ${envVar} = the real host (${model.baseUrl}).`,
    `const api = new ${method.className}({ ${config.join(", ")} });`,
    "try {",
    ...call,
    `  console.log("fields received:", Object.keys(result));`,
    "} catch (error) {",
    `  if (!(error instanceof ${model.errorClass})) throw error;`,
    "  console.error(error.message, error.status, error.code, error.description);",
    "}",
  ];
}

/** README text with the section between the markers replaced; the rest is the package's own. */
export function spliceReadme(readme: string, section: string, readmePath: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(
      `${readmePath}: needs the markers ${README_START} and ${README_END} (the generated section goes between them)`,
    );
  }
  return `${readme.slice(0, start)}${section}${readme.slice(end + README_END.length)}`;
}
