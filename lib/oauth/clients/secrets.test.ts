import * as crypto from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";

// Wrap timingSafeEqual so the tests can see that every candidate is compared.
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const { generateClientSecret, hashSecret, secretMatchesAny, secretMatchesHash } = await import("./secrets");
const timingSafeEqual = vi.mocked(crypto.timingSafeEqual);

beforeEach(() => {
  timingSafeEqual.mockClear();
});

describe("generateClientSecret", () => {
  it("is 32 random bytes as unpadded base64url", () => {
    const secret = generateClientSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);
  });

  it("does not repeat", () => {
    const secrets = new Set(Array.from({ length: 1000 }, generateClientSecret));
    expect(secrets.size).toBe(1000);
  });
});

describe("hashSecret", () => {
  it("is SHA-256 in lowercase hex (FIPS 180-2 test vector)", () => {
    expect(hashSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("hashes the UTF-8 bytes", () => {
    expect(hashSecret("é")).toBe(crypto.createHash("sha256").update(Buffer.from([0xc3, 0xa9])).digest("hex"));
  });
});

describe("secretMatchesHash", () => {
  const secret = generateClientSecret();
  const hash = hashSecret(secret);

  it("matches the right secret and nothing else", () => {
    expect(secretMatchesHash(secret, hash)).toBe(true);
    expect(secretMatchesHash(`${secret}x`, hash)).toBe(false);
    expect(secretMatchesHash(secret.slice(0, -1), hash)).toBe(false);
    expect(secretMatchesHash("x".repeat(10_000), hash)).toBe(false);
  });

  it("compares fixed-length digests with timingSafeEqual, whatever the secret's length", () => {
    for (const candidate of ["a", secret, "x".repeat(10_000)]) {
      timingSafeEqual.mockClear();
      secretMatchesHash(candidate, hash);
      expect(timingSafeEqual).toHaveBeenCalledTimes(1);
      const [a, b] = timingSafeEqual.mock.calls[0] as [Buffer, Buffer];
      expect([a.length, b.length]).toEqual([32, 32]);
    }
  });

  it("never matches a missing or malformed stored hash, but still does the comparison", () => {
    for (const stored of [null, undefined, "", "zz", hash.toUpperCase(), hash.slice(2), `${hash}00`]) {
      timingSafeEqual.mockClear();
      expect(secretMatchesHash(secret, stored)).toBe(false);
      expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    }
  });

  it("never matches an empty secret, even against the hash of the empty string", () => {
    expect(secretMatchesHash("", hashSecret(""))).toBe(false);
    expect(secretMatchesHash(undefined as unknown as string, hashSecret(""))).toBe(false);
  });
});

describe("secretMatchesAny", () => {
  const current = generateClientSecret();
  const previous = generateClientSecret();
  const hashes = [hashSecret(current), null, hashSecret(previous)];

  it("matches the current or the previous secret during rotation", () => {
    expect(secretMatchesAny(current, hashes)).toBe(true);
    expect(secretMatchesAny(previous, hashes)).toBe(true);
    expect(secretMatchesAny(generateClientSecret(), hashes)).toBe(false);
    expect(secretMatchesAny(current, [])).toBe(false);
    expect(secretMatchesAny(current, [null, null])).toBe(false);
  });

  it("compares every candidate, even after the first one matched", () => {
    secretMatchesAny(current, hashes);
    expect(timingSafeEqual).toHaveBeenCalledTimes(3);
  });

  it("never matches an empty secret", () => {
    expect(secretMatchesAny("", [hashSecret("")])).toBe(false);
  });
});
