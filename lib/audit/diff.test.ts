import { describe, expect, it } from "vitest";
import { diffSnapshots, isEmptyDiff } from "./diff";

describe("diffSnapshots", () => {
  it("lists only the fields that changed, with from and to", () => {
    const diff = diffSnapshots(
      { Scope: "read", IsEnabled: true, ImpersonateLoginUrls: ["https://a.example/cb"] },
      { Scope: "read update", IsEnabled: true, ImpersonateLoginUrls: ["https://a.example/cb", "https://b.example/cb"] },
    );
    expect(diff).toEqual({
      Scope: { from: "read", to: "read update" },
      ImpersonateLoginUrls: { from: ["https://a.example/cb"], to: ["https://a.example/cb", "https://b.example/cb"] },
    });
  });

  it("records creation and deletion against null", () => {
    expect(diffSnapshots(null, { Scope: "read" })).toEqual({ Scope: { from: null, to: "read" } });
    expect(diffSnapshots({ Scope: "read" }, null)).toEqual({ Scope: { from: "read", to: null } });
  });

  it("never carries a secret, hash, password or token field", () => {
    const diff = diffSnapshots(
      { ApplicationSecretHash: "aa", PasswordHash: "x", Notes: "a" },
      { ApplicationSecretHash: "bb", PasswordHash: "y", accessToken: "t", Notes: "b" },
    );
    expect(diff).toEqual({ Notes: { from: "a", to: "b" } });
  });

  it("reports no change as an empty diff", () => {
    expect(isEmptyDiff(diffSnapshots({ a: 1 }, { a: 1 }))).toBe(true);
  });
});
