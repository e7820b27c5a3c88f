// Renders the README section between the markers: what the originals' docs give, from the spec.

import {
  type FieldModel,
  type OverloadModel,
  parametersIn,
  type SdkMethodModel,
  type SpecModel,
} from "@x/spec-model";
import { loadOriginals } from "../checks/originals.js";
import { emitLifecycleReadme } from "./emit-readme-lifecycle.js";
import { emitModelsSection, fieldsLink } from "./emit-readme-models.js";
import { cell, code, firstParagraph, overloadCondition } from "./markdown.js";
import {
  displayType,
  paramsTypeName,
  successSchemaName,
  successTypeName,
  usesBasic,
} from "./type-expressions.js";

export const README_START = "<!-- codegen:start -->";
export const README_END = "<!-- codegen:end -->";
const NOTE = "<!-- Generated from the spec by `pnpm generate`; edit the spec, not this section. -->";

const sentence = (text: string) => (text === "" || /[.!?。]$/.test(text) ? text : `${text}.`);
const anchor = (method: SdkMethodModel) => `${method.className}${method.name}`.toLowerCase();

export function emitReadmeSection(model: SpecModel): string {
  const lines: string[] = [README_START, NOTE, "", ...emitLifecycleReadme(model), "## API", ""];
  lines.push(
    `Generated from ${code(model.spec.file)} (${model.provider.title}, version ${model.provider.version}). ` +
      (model.provider.baseUrl === undefined
        ? `The spec names no server: set ${code("baseUrl")} in the configuration.`
        : `Default base URL: ${code(model.provider.baseUrl)}; set ${code("baseUrl")} in the configuration to use another host (for example a local sandbox).`),
    "",
    "| Class | Method | HTTP request | Description |",
    "|---|---|---|---|",
  );
  for (const method of model.methods) {
    lines.push(
      `| ${code(method.className)} | [${code(method.name)}](#${anchor(method)}) | ${code(`${method.operation.httpMethod} ${method.operation.path}`)} | ${cell(method.summary ?? "")} |`,
    );
  }
  const configured = model.classes[0]?.name ?? "Api";
  lines.push(
    "",
    "### Configuration",
    "",
    "```ts",
    `import { ${configured} } from "${model.provider.packageName}";`,
    "",
    `const api = new ${configured}({`,
    model.provider.baseUrl === undefined
      ? '  baseUrl: "https://...", // required: the spec names no server'
      : `  baseUrl: ${JSON.stringify(model.provider.baseUrl)}, // default`,
    "  fetch: globalThis.fetch, // optional: your own fetch",
    '  headers: { "X-Request-Id": "..." }, // optional: sent with every request',
    ...(usesBasic(model)
      ? ['  clientId: "...", // HTTP Basic client authentication (RFC 6749 §2.3.1)', '  clientSecret: "...",']
      : []),
    "});",
    "```",
    "",
  );
  // A provider with an original generated client (specs/originals.json) keeps its names; any other, the spec's.
  const [names, result] =
    model.provider.id in loadOriginals()
      ? ["the original client's parameter names", "the original's model"]
      : ["the spec's parameter names", "the spec's model"];
  lines.push(
    `Every method takes one object keyed by ${names} and returns a \`Promise\` of ${result}. Failures throw ${code(model.provider.errorClass)} (a subclass of ${code("OAuthApiError")} from ` +
      `${code("@x/oauth-core")}) with ${code("status")}, ${code("kind")}, the parsed ${code("body")}, and the provider's ` +
      `${code("code")} and ${code("description")}; its message never contains a secret. ` +
      `${code(`${model.provider.clientFactory}(config)`)} gives the low-level openapi-fetch client (${code("{ data, error }")} results), and ` +
      `${code("paths")}, ${code("components")}, ${code("operations")} and every model are exported as types.`,
    "",
  );
  for (const method of model.methods) lines.push(...methodSection(model, method));
  return [...lines, ...emitModelsSection(model), README_END].join("\n");
}

function methodSection(model: SpecModel, method: SdkMethodModel): string[] {
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
  const direct = method.operation.parameters; // query, header, then path
  const variants = method.bodyVariants;
  if (direct.length > 0 || variants.length === 1) {
    lines.push(
      ...fieldTable(
        [...direct, ...(variants.length === 1 ? (variants[0]?.fields ?? []) : [])],
        method.defaults,
      ),
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
        // An overload's own filled-in values: the method's and those only its variant declares.
        ...fieldTable(
          variant.fields,
          method.overloads?.find((overload) => overload.variant === variant)?.defaults ?? method.defaults,
        ),
      );
    }
  }
  if (direct.length === 0 && variants.length === 0) lines.push("None.", "");
  lines.push("`options` (optional): `{ headers?, signal? }` for this call only.", "");

  lines.push(
    "#### Returns",
    "",
    ...(method.overloads
      ? [
          ...method.overloads.map(
            (overload) =>
              `- ${overloadCondition(overload)}: ${promiseOf(method, overload)}${fieldsLink(overload.resultSchema)}`,
          ),
          `- with a value of type ${code(paramsTypeName(method))} (any of the above): ${promiseOf(method)}`,
        ]
      : [`${promiseOf(method)}${fieldsLink(successSchemaName(method))}`]),
    "",
  );

  lines.push(
    "#### Errors",
    "",
    `Throws ${code(model.provider.errorClass)}:`,
    "",
    "| Status | Body | When |",
    "|---|---|---|",
  );
  if (method.operation.errorInBody) {
    const success = method.operation.errorInBody.successCodes
      .map((value) => code(JSON.stringify(value)))
      .join(" or ");
    // The success response's own model, which describes its errors too (the result may be narrower).
    const body = method.operation.success.body?.schemaName ?? "object";
    lines.push(
      `| ${method.operation.successStatuses[0] ?? 200} | ${code(body)} | ${code(method.operation.errorInBody.code)} is present and not ${success || "a success code"} (${code('kind: "in-body"')}); code from ${code(method.operation.errorInBody.code)}${method.operation.errorInBody.message ? `, description from ${code(method.operation.errorInBody.message)}` : ""} |`,
    );
  }
  for (const error of method.operation.errors) {
    lines.push(
      `| ${error.status} | ${error.body?.schemaName ? code(error.body?.schemaName) : error.body?.schema ? "JSON" : "none"} | ${sentence(cell(firstParagraph(error.description ?? "")))}${error.errorFields?.code ? ` Code from ${code(error.errorFields?.code)}${error.errorFields?.message ? `, description from ${code(error.errorFields?.message)}` : ""}.` : ""} |`,
    );
  }
  lines.push(
    `| any | none or not JSON | an empty or non-JSON body (${code('kind: "http"')} for an error status; ${code('"empty-body"')} or ${code('"invalid-json"')} for a success status) |`,
    `| ${method.operation.successStatuses[0] ?? 200} | JSON | not the success model, e.g. no ${code("access_token")} (${code('kind: "invalid-response"')}) |`,
    `| 3xx | any | a redirect, never followed (${code('kind: "redirect"')}) |`,
    `| any | any | a body over ${code("maxResponseBytes")} (${code('kind: "too-large"')}) |`,
    `| 0 | none | no response: connection refused or dropped (${code('kind: "network"')}), ${code("timeout")} ran out (${code('kind: "timeout"')}), or your ${code("signal")} aborted (${code('kind: "aborted"')}) |`,
    "",
  );

  lines.push("#### HTTP request", "", `- ${code(`${method.operation.httpMethod} ${method.operation.path}`)}`);
  if (method.originalPath && method.originalPath !== method.operation.path) {
    lines.push(
      `- The original client requested ${code(JSON.stringify(method.originalPath))}; this method sends the spec's path.`,
    );
  }
  const query = parametersIn(method.operation, "query").map((field) => code(field.name));
  if (query.length > 0) lines.push(`- Query parameters: ${query.join(", ")}`);
  lines.push(
    method.operation.requestBody
      ? `- ${code(`Content-Type: ${method.operation.requestBody.mediaType}`)}; fields left out are not sent`
      : "- No request body",
    `- ${code(`Accept: ${method.operation.accept.join(", ")}`)}`,
    method.operation.clientAuthentication.includes("client_secret_basic")
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
function overloadSection(method: SdkMethodModel, overloads: OverloadModel[]): string[] {
  const property = overloads[0]?.variant.discriminator.property ?? "";
  return [
    "#### Overloads",
    "",
    `One signature per ${code(property)}: the value you pass picks the parameters and the result type ` +
      `(a value of type ${code(paramsTypeName(method))}, whose ${code(property)} is not known in advance, resolves to ` +
      "any of the results).",
    "",
    `| ${code(property)} | Parameters | Returns | Description |`,
    "|---|---|---|---|",
    ...overloads.map(
      (overload) =>
        `| ${code(JSON.stringify(overload.variant.discriminator.value))} | ${code(paramsTypeName(method, overload))} | ${promiseOf(method, overload)} | ${cell(overload.summary ?? "")} |`,
    ),
    "",
  ];
}

function fieldTable(fields: FieldModel[], defaults: Record<string, string>): string[] {
  const rows = fields.map((field) => {
    const filled = defaults[field.name];
    const required =
      filled !== undefined ? `no (default ${code(JSON.stringify(filled))})` : field.required ? "yes" : "no";
    return `| ${code(field.name)} | ${field.in} | ${cell(code(displayType(field.schema)))} | ${required} | ${cell(firstParagraph(field.description ?? ""))} |`;
  });
  return ["| Name | In | Type | Required | Description |", "|---|---|---|---|---|", ...rows, ""];
}

/** `Promise<Result>` as code; an inline result, whose type names schema.gen.ts's paths, reads as `object`. */
function promiseOf(method: SdkMethodModel, overload?: OverloadModel): string {
  const type = successTypeName(method, overload);
  return code(`Promise<${type.includes("[") ? "object" : type}>`);
}

function example(model: SpecModel, method: SdkMethodModel): string[] {
  const envVar = `${model.provider.id.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_BASE_URL`;
  // Without a server in the spec, the variable is the only base URL (unset: the client says it is required).
  const config = [
    `baseUrl: process.env.${envVar}${model.provider.baseUrl === undefined ? " as string" : ""}`,
  ];
  if (method.operation.clientAuthentication.includes("client_secret_basic"))
    config.push('clientId: "your-client-id"', 'clientSecret: "your-client-secret"');
  const args = Object.entries(method.example).map(
    ([key, value]) =>
      `    ${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${JSON.stringify(value)},`,
  );
  const [overload] = method.overloads ?? [];
  const call = [
    ...(overload
      ? [
          `  // ${overload.variant.discriminator.property} ${JSON.stringify(overload.variant.discriminator.value)} picks the overload: result is ${successTypeName(method, overload)}`,
        ]
      : []),
    ...(args.length > 0
      ? [`  const result = await api.${method.name}({`, ...args, "  });"]
      : [`  const result = await api.${method.name}();`]),
  ];
  return [
    `import { ${method.className}, ${model.provider.errorClass} } from "${model.provider.packageName}";`,
    "",
    `// Unset ${envVar} = the real host (${model.provider.baseUrl ?? "none in the spec: set it"}).`,
    `const api = new ${method.className}({ ${config.join(", ")} });`,
    "try {",
    ...call,
    `  console.log("fields received:", Object.keys(result));`,
    "} catch (error) {",
    `  if (!(error instanceof ${model.provider.errorClass})) throw error;`,
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
