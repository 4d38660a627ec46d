import { describe, expect, it } from "vitest";
import type { SigningKeyRow } from "@/lib/db/signing-keys";
import { activeKey, publishedKeys } from "./keys";

const row = (kid: string, activates: number, retires: number | null = null, expires: number | null = null): SigningKeyRow => ({
  kid,
  alg: "ES256",
  publicJwk: { kty: "EC", kid, alg: "ES256", use: "sig" },
  privateKeyEncrypted: "v1.x.y.z",
  createdUtc: new Date(0),
  activatesUtc: new Date(activates),
  retiresUtc: retires === null ? null : new Date(retires),
  expiresUtc: expires === null ? null : new Date(expires),
});

describe("key selection", () => {
  // old: active until 100, published until 200; new: announced, active from 100.
  const rows = [row("old", 0, 100, 200), row("new", 100)];
  it("signs with the old key until the new one activates, then with the new one", () => {
    expect(activeKey(rows, new Date(99))?.kid).toBe("old");
    expect(activeKey(rows, new Date(100))?.kid).toBe("new");
  });
  it("publishes the announced key before use and the retired key until it expires", () => {
    expect(publishedKeys(rows, new Date(50)).map((r) => r.kid)).toEqual(["old", "new"]);
    expect(publishedKeys(rows, new Date(150)).map((r) => r.kid)).toEqual(["old", "new"]);
    expect(publishedKeys(rows, new Date(200)).map((r) => r.kid)).toEqual(["new"]);
  });
  it("has no active key when every key is retired", () => {
    expect(activeKey([row("a", 0, 10, 20)], new Date(15))).toBeNull();
  });
});
