import { describe, expect, it } from "vitest";
import { DEFAULT_BASE_URL, operationTable } from "../src/index.js";

describe("@x/pinterest-oauth", () => {
  it("exposes the operations of specs/pinterest.yaml", () => {
    const operations = Object.values(operationTable);
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      expect(operation.provider).toBe("pinterest");
      expect(operation.path.startsWith("/")).toBe(true);
    }
    expect(DEFAULT_BASE_URL).toMatch(/^https?:\/\//);
  });
});
