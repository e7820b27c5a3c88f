// x-sdk-success-schema: the model a success response's body is once x-sdk-error-in-body has called it a success.
import { describe, expect, it } from "vitest";
import { buildSpecModel, loadSpecModel, SpecDocument, SpecModelError } from "../src/index.js";
import { specFile, specHeader } from "./helpers.js";

const douyinSpec = specFile("douyin");

/** A spec whose 200 may report an error; `extension` is the 200 response's extra YAML (indented 10). */
const spec = (extension: string) => `${specHeader}paths:
  /token:
    get:
      operationId: token
      responses:
        "200":
          description: ok
${extension}
          content: { application/json: { schema: { $ref: "#/components/schemas/Answer" } } }
        default:
          description: bad
          content: { application/json: { schema: { $ref: "#/components/schemas/Answer" } } }
components:
  schemas:
    Answer:
      type: object
      properties:
        data: { type: object, properties: { code: { type: integer }, token: { type: string } } }
    Token:
      type: object
      required: [data]
      properties:
        data: { type: object, required: [token], properties: { token: { type: string } } }
    Loose:
      type: object
      properties:
        data: { type: object, properties: { token: { type: string }, expiry: { type: integer } } }
`;
const rule = `          x-sdk-error-in-body: { code: data.code, success: [0] }`;
const successSchema = (ref: string) =>
  `          x-sdk-success-schema: { $ref: "#/components/schemas/${ref}" }`;

const build = (text: string) => buildSpecModel(SpecDocument.parse(text, "t.yaml"));
function failure(text: string): SpecModelError {
  try {
    build(text);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecModelError);
    return error as SpecModelError;
  }
  throw new Error("the spec was accepted");
}

describe("x-sdk-success-schema", () => {
  it("makes the named model the methods' result; the response's own model stays the success body", () => {
    const model = build(spec(`${rule}\n${successSchema("Token")}`));
    const [operation] = model.operations;
    expect(operation?.successSchema).toBe("Token");
    expect(operation?.success.body?.schemaName).toBe("Answer");
    expect(model.methods.map((method) => method.resultSchema)).toEqual(["Token"]);
  });

  it("is absent without the extension: the result is the response's model", () => {
    const model = build(spec(rule));
    expect(model.operations[0]?.successSchema).toBeUndefined();
    expect(model.methods[0]?.resultSchema).toBe("Answer");
  });

  it("names Douyin's success models", () => {
    const douyin = loadSpecModel(douyinSpec);
    expect(douyin.operations.map((operation) => operation.successSchema)).toEqual([
      "AccessTokenSuccess",
      "RefreshTokenSuccess",
    ]);
    expect(douyin.methods.map((method) => method.resultSchema)).toEqual([
      "AccessTokenSuccess",
      "RefreshTokenSuccess",
    ]);
  });

  it("needs x-sdk-error-in-body on the same response", () => {
    const error = failure(spec(successSchema("Token")));
    expect(error.message).toContain("#/paths/~1token/get/responses/200/x-sdk-success-schema");
    expect(error.message).toContain("needs x-sdk-error-in-body on the same response");
  });

  it("must be a $ref to a components.schemas model", () => {
    const error = failure(spec(`${rule}\n          x-sdk-success-schema: { type: object }`));
    expect(error.message).toContain("must be a $ref to a components.schemas model");
  });

  it("declares only fields the response's schema declares, nested ones included", () => {
    const error = failure(spec(`${rule}\n${successSchema("Loose")}`));
    expect(error.message).toContain("field data.expiry is not in the response's schema");
    expect(error.line).toBeGreaterThan(1);
  });
});
