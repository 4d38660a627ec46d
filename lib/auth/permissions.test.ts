import { describe, expect, it } from "vitest";
import { can, canAct, hasConsoleAccess, PERMISSIONS } from "./permissions";

describe("console permissions", () => {
  it("gives administrators every permission", () => {
    for (const p of PERMISSIONS) expect(can("Administrator", p)).toBe(true);
  });

  it("keeps security reviewers read-only", () => {
    expect(can("SecurityReviewer", "apps.read")).toBe(true);
    expect(can("SecurityReviewer", "review.read")).toBe(true);
    expect(can("SecurityReviewer", "audit.read")).toBe(true);
    for (const p of ["apps.write", "apps.rotateSecret", "apps.toggle", "apps.delete", "apps.import"] as const) {
      expect(can("SecurityReviewer", p)).toBe(false);
    }
  });

  it("lets only administrators revoke a user's authorization", () => {
    expect(can("Administrator", "authorizations.revoke")).toBe(true);
    expect(can("SecurityReviewer", "authorizations.revoke")).toBe(false);
    expect(can("None", "authorizations.revoke")).toBe(false);
    expect(can(undefined, "authorizations.revoke")).toBe(false);
    expect(canAct({ ConsoleRole: "Administrator", MustChangePassword: true }, "authorizations.revoke")).toBe(false);
  });

  it("refuses users without a console role and anonymous callers", () => {
    expect(can("None", "apps.read")).toBe(false);
    expect(can(undefined, "apps.read")).toBe(false);
    expect(hasConsoleAccess("None")).toBe(false);
    expect(hasConsoleAccess(null)).toBe(false);
    expect(hasConsoleAccess("SecurityReviewer")).toBe(true);
  });
});
