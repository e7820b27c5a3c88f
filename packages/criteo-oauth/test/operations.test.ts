import { describe, expect, it } from "vitest";
import { DEFAULT_BASE_URL, operationTable } from "../src/index.js";

describe("@x/criteo-oauth", () => {
  it("exposes the operations of specs/criteo.yaml", () => {
    const operations = Object.values(operationTable);
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      expect(operation.provider).toBe("criteo");
      expect(operation.path.startsWith("/")).toBe(true);
    }
    expect(DEFAULT_BASE_URL).toMatch(/^https?:\/\//);
  });
});
