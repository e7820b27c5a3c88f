// Reads the surface of a client made by OpenAPI Generator's `python` generator (7.x templates): per API method its
// class, HTTP method and path, parameters (wire name, location, required), media types, auth and success model.
// Every construct it relies on is checked, so a template change fails loudly instead of reading nothing.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type ParameterLocation = "query" | "form" | "header" | "path" | "body";

export interface GeneratedParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
}

export interface GeneratedMethod {
  className: string;
  /** Python method name, e.g. oauth_access_token_get. */
  name: string;
  http: string;
  path: string;
  parameters: GeneratedParameter[];
  requestMediaType: string | null;
  responseMediaTypes: string[];
  security: string[];
  /** Model of the 200 (else first 2xx) response, as the client deserializes it. */
  returns: string | null;
  /** Model of a JSON body parameter, if the method takes one. */
  bodyModel: string | null;
}

export interface GeneratedClient {
  methods: GeneratedMethod[];
  models: string[];
}

export function readPythonClient(outputDir: string, packageName: string): GeneratedClient {
  const packageDir = join(outputDir, packageName);
  const apiDir = join(packageDir, "api");
  const methods: GeneratedMethod[] = [];
  for (const file of readdirSync(apiDir).sort()) {
    if (!file.endsWith("_api.py")) continue;
    methods.push(...readApiModule(join(apiDir, file)));
  }
  return { methods, models: readModels(join(packageDir, "models", "__init__.py"), packageName) };
}

function fail(file: string, what: string): never {
  throw new Error(
    `${file}: cannot read ${what} from the generated python client (generator templates changed?)`,
  );
}

/** Decodes the body of a single-quoted Python string literal as the generator writes it. */
function pythonString(body: string): string {
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, sequence: string) => {
    if (sequence.length > 1) return String.fromCharCode(Number.parseInt(sequence.slice(1), 16));
    return ({ n: "\n", t: "\t", r: "\r" } as Record<string, string>)[sequence] ?? sequence;
  });
}

const quoted = /'((?:[^'\\]|\\.)*)'/g;

function stringList(text: string): string[] {
  return [...text.matchAll(quoted)].map((match) => pythonString(match[1] ?? ""));
}

function readApiModule(file: string): GeneratedMethod[] {
  const source = readFileSync(file, "utf8");
  const className = /^class (\w+)\(object\):/m.exec(source)?.[1] ?? fail(file, "the API class");
  const starts = [...source.matchAll(/^ {4}def (\w+)_with_http_info\(self\b/gm)];
  return starts.map((start, index) => {
    const end = starts[index + 1]?.index ?? source.length;
    const block = source.slice(start.index, end);
    const name = start[1] ?? fail(file, "a method name");
    return readMethod(`${file} (${name})`, className, name, block);
  });
}

function readMethod(where: string, className: string, name: string, block: string): GeneratedMethod {
  const call = /call_api\(\s*'((?:[^'\\]|\\.)*)',\s*'(\w+)'/.exec(block) ?? fail(where, "the call_api path");
  const allParams = /_all_params = \[([^\]]*)\]/.exec(block) ?? fail(where, "_all_params");
  const pythonNames = stringList(allParams[1] ?? "");

  // Where each Python argument goes on the wire, and under which name.
  const placed = new Map<string, { wire: string; in: ParameterLocation }>();
  const place = (pattern: RegExp, location: ParameterLocation) => {
    for (const match of block.matchAll(pattern)) {
      placed.set(match[2] ?? "", { wire: pythonString(match[1] ?? ""), in: location });
    }
  };
  place(/_query_params\.append\(\('((?:[^'\\]|\\.)*)', _params\['(\w+)'\]/g, "query");
  place(/_form_params\.append\(\('((?:[^'\\]|\\.)*)', _params\['(\w+)'\]/g, "form");
  place(/_files\['((?:[^'\\]|\\.)*)'\] = _params\['(\w+)'\]/g, "form");
  place(/_path_params\['((?:[^'\\]|\\.)*)'\] = _params\['(\w+)'\]/g, "path");
  place(/_header_params\['((?:[^'\\]|\\.)*)'\] = _params\['(\w+)'\]/g, "header");
  const body = /_body_params = _params\['(\w+)'\]/.exec(block);
  if (body?.[1]) placed.set(body[1], { wire: body[1], in: "body" });

  const parameters = pythonNames.map((pythonName): GeneratedParameter => {
    const target = placed.get(pythonName) ?? fail(where, `where parameter ${pythonName} is sent`);
    // The docstring line of a required argument ends with "(required)".
    const doc = new RegExp(`:param ${pythonName}:([\\s\\S]*?)\\n\\s*:type ${pythonName}:`).exec(block);
    if (!doc) fail(where, `the docstring of parameter ${pythonName}`);
    return { name: target.wire, in: target.in, required: /\(required\)\s*$/.test(doc[1] ?? "") };
  });

  const accept = /select_header_accept\(\s*\[([^\]]*)\]/.exec(block);
  const contentType = /select_header_content_type\(\s*\[([^\]]*)\]/.exec(block);
  const auth = /_auth_settings = \[([^\]]*)\]/.exec(block) ?? fail(where, "_auth_settings");
  const responses = /_response_types_map = \{([^}]*)\}/.exec(block) ?? fail(where, "_response_types_map");
  const returnTypes = new Map(
    [...(responses[1] ?? "").matchAll(/'(\w+)': "?([\w.[\], ]+?)"?,/g)].map((m) => [m[1], m[2]] as const),
  );
  const success = returnTypes.get("200") ?? [...returnTypes].find(([status]) => status?.startsWith("2"))?.[1];
  const bodyType = body?.[1] ? new RegExp(`:type ${body[1]}: (\\w+)`).exec(block)?.[1] : undefined;

  return {
    className,
    name,
    http: call[2] ?? "",
    path: pythonString(call[1] ?? ""),
    parameters,
    requestMediaType: contentType ? (stringList(contentType[1] ?? "")[0] ?? null) : null,
    responseMediaTypes: accept ? stringList(accept[1] ?? "") : [],
    security: stringList(auth[1] ?? ""),
    returns: success ?? null,
    bodyModel: bodyType ?? null,
  };
}

function readModels(initFile: string, packageName: string): string[] {
  let source: string;
  try {
    source = readFileSync(initFile, "utf8");
  } catch {
    return [];
  }
  const pattern = new RegExp(`^from ${packageName}\\.models\\.\\w+ import (\\w+)$`, "gm");
  return [...source.matchAll(pattern)].map((match) => match[1] ?? "").sort();
}
