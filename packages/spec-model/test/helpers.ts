// What the spec-model tests share: the repository's specs and a minimal valid spec to break.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { buildSpecModel, SpecDocument, SpecModelError } from "../src/index.js";

export const specsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../specs");
export const specFile = (id: string) => path.join(specsDir, `${id}.yaml`);

/** What every test spec starts with: the document, its package and server; `paths:` follows. */
export const specHeader = `openapi: 3.0.3
info:
  title: t
  version: "1"
  x-sdk: { package: "@x/t", errorClass: TError, clientFactory: createTClient }
servers: [{ url: "https://t.example/" }]
`;

/** A minimal valid spec; `edit` changes its text before it is parsed. */
export const minimal = `${specHeader}paths:
  /token:
    post:
      operationId: token
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: { $ref: "#/components/schemas/Body" }
      responses:
        "200":
          description: ok
          content: { application/json: { schema: { $ref: "#/components/schemas/Token" } } }
        "400":
          description: bad
          content: { application/json: { schema: { type: object } } }
components:
  schemas:
    Body:
      type: object
      required: [grant_type]
      properties: { grant_type: { type: string, enum: [client_credentials] } }
    Token:
      type: object
      properties: { access_token: { type: string } }
`;

export function failure(text: string): SpecModelError {
  try {
    buildSpecModel(SpecDocument.parse(text, "t.yaml"));
  } catch (error) {
    expect(error).toBeInstanceOf(SpecModelError);
    return error as SpecModelError;
  }
  throw new Error("the spec was accepted");
}
