import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect";

const ORIGIN = "http://localhost:3399";

describe("safeRedirectPath", () => {
  it("keeps paths of our own origin, with query and fragment", () => {
    expect(safeRedirectPath("/review?severity=error", ORIGIN)).toBe("/review?severity=error");
    expect(safeRedirectPath("/apps/1#history", ORIGIN)).toBe("/apps/1#history");
    expect(safeRedirectPath("http://localhost:3399/audit", ORIGIN)).toBe("/audit");
  });

  it.each([
    "/%5C127.0.0.1:3399/x",
    "/\\127.0.0.1:3399/x",
    "/\t/evil.test",
    "/\n/evil.test",
    "/\\/evil.test",
    "//evil.test",
    "///evil.test",
    "https://evil.test/apps",
    "https:evil.test",
    "http://localhost:3400/apps",
    "javascript:alert(1)",
    "/%2F%2Fevil.test",
  ])("sends %j to /apps", (target) => {
    expect(safeRedirectPath(target, ORIGIN)).toBe("/apps");
  });

  it("falls back on nothing, garbage, the sign-in page and next-auth's routes", () => {
    expect(safeRedirectPath(undefined, ORIGIN)).toBe("/apps");
    expect(safeRedirectPath("", ORIGIN)).toBe("/apps");
    expect(safeRedirectPath("/%E0%A4%A", ORIGIN)).toBe("/apps");
    expect(safeRedirectPath("/signin?callbackUrl=/x", ORIGIN)).toBe("/apps");
    expect(safeRedirectPath("/api/auth/signout", ORIGIN)).toBe("/apps");
    expect(safeRedirectPath(`/${"a".repeat(3000)}`, ORIGIN)).toBe("/apps");
  });
});
