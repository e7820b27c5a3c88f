import { describe, expect, it } from "vitest";
import { DEFAULT_BASE_URL, operationTable } from "../src/index.js";

describe("@x/douyin-oauth", () => {
  it("exposes the operations of specs/douyin.yaml", () => {
    const operations = Object.values(operationTable);
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      expect(operation.provider).toBe("douyin");
      expect(operation.path.startsWith("/")).toBe(true);
    }
    expect(DEFAULT_BASE_URL).toMatch(/^https?:\/\//);
  });
});
