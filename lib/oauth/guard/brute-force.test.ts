import { describe, expect, it } from "vitest";
import { addressBucket, BruteForceGuard, clientAddress } from "./brute-force";
import { TooManyRequests } from "../errors";

const req = (xff?: string, peerAddress?: string) => ({
  header: (name: string) => (name === "x-forwarded-for" ? (xff ?? null) : null),
  peerAddress,
});

function refusal(fn: () => void): TooManyRequests | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof TooManyRequests) return e;
    throw e;
  }
}

describe("clientAddress", () => {
  it("takes the right-most X-Forwarded-For entry (the one the nearest proxy appended)", () => {
    expect(clientAddress(req("203.0.113.9"))).toBe("203.0.113.9");
    expect(clientAddress(req("1.1.1.1, 198.51.100.2"))).toBe("198.51.100.2");
    expect(clientAddress(req("::1"))).toBe("::1");
    expect(clientAddress(req())).toBe("unknown");
    expect(clientAddress(req("evil value<script>"))).toBe("invalid");
  });

  it("falls back to the TCP peer without the header", () => {
    expect(clientAddress(req(undefined, "192.0.2.7"))).toBe("192.0.2.7");
    expect(clientAddress(req(undefined, "::ffff:127.0.0.1"))).toBe("::ffff:127.0.0.1");
  });
});

describe("addressBucket", () => {
  it("counts IPv6 per /64 and IPv4-mapped IPv6 as IPv4", () => {
    expect(addressBucket("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:DB8:0001:0002:ffff::9")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBucket("[2001:db8:1:2::5]")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
    expect(addressBucket("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(addressBucket("::ffff:7f00:1")).toBe("127.0.0.1");
    expect(addressBucket("0:0:0:0:0:ffff:192.0.2.1")).toBe("192.0.2.1");
  });

  it("leaves IPv4 and anything unparsable as it is", () => {
    expect(addressBucket("192.0.2.7")).toBe("192.0.2.7");
    expect(addressBucket("unknown")).toBe("unknown");
    expect(addressBucket("1:2:3:4:5:6:7:8:9")).toBe("1:2:3:4:5:6:7:8:9");
    expect(addressBucket("1::2::3")).toBe("1::2::3");
    expect(addressBucket("zz::1")).toBe("zz::1");
  });
});

describe("BruteForceGuard", () => {
  it("blocks a subject from the address that failed, with Retry-After, and a success clears it", () => {
    const g = new BruteForceGuard({ pair: { maxFailures: 2 } });
    g.failed("198.51.100.1", "c");
    g.checkSubject("c", "198.51.100.1");
    g.failed("198.51.100.1", "c");
    const blocked = refusal(() => g.checkSubject("c", "198.51.100.1"));
    expect(blocked?.status).toBe(429);
    expect(blocked?.headers["Retry-After"]).toBe("1");
    g.succeeded("c", "198.51.100.1");
    expect(refusal(() => g.checkSubject("c", "198.51.100.1"))).toBeNull();
  });

  it("never locks a subject out from another address: the attacker's failures only slow it down", () => {
    const g = new BruteForceGuard();
    const penalties: number[] = [];
    for (let i = 0; i < 30; i++) penalties.push(g.failed("203.0.113.66", "com.victim/app"));
    expect(refusal(() => g.checkSubject("com.victim/app", "203.0.113.66"))).not.toBeNull();
    expect(refusal(() => g.checkAddress("203.0.113.66"))).not.toBeNull();
    // The real client, elsewhere, is neither refused nor held back unless it fails itself.
    expect(refusal(() => g.checkSubject("com.victim/app", "192.0.2.10"))).toBeNull();
    expect(refusal(() => g.checkAddress("192.0.2.10"))).toBeNull();
    // Failures of the subject are answered later and later: 0 up to the 4th, then 250 ms doubling to 2 s.
    expect(penalties.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(penalties.slice(4, 9)).toEqual([250, 500, 1000, 2000, 2000]);
  });

  it("counts an IPv6 /64 as one address", () => {
    const g = new BruteForceGuard({ address: { maxFailures: 3 }, pair: { maxFailures: 2 } });
    g.failed("2001:db8:7:7::1", null);
    g.failed("2001:db8:7:7::2", null);
    g.failed("2001:db8:7:7:ffff::3", null);
    expect(refusal(() => g.checkAddress("2001:db8:7:7::99"))).not.toBeNull();
    expect(refusal(() => g.checkAddress("2001:db8:7:8::1"))).toBeNull();
    g.failed("2001:db8:9:9::1", "c");
    g.failed("2001:db8:9:9::2", "c");
    expect(refusal(() => g.checkSubject("c", "2001:db8:9:9::3"))).not.toBeNull();
  });

  it("does not track unknown subjects, but counts their failures per address", () => {
    const g = new BruteForceGuard({ address: { maxFailures: 3 } });
    for (let i = 0; i < 3; i++) expect(g.failed("203.0.113.1", null)).toBe(0);
    expect(refusal(() => g.checkAddress("203.0.113.1"))).not.toBeNull();
    expect(refusal(() => g.checkAddress("203.0.113.2"))).toBeNull();
  });
});

describe("failures shared between instances", () => {
  it("a failure announced by one instance counts at the other; a clearing success clears both; its own announcements are skipped", async () => {
    const { applySharedFailure, BruteForceGuard, setFailureBus, PAIR_LIMITS } = await import("./brute-force");
    const published: string[] = [];
    setFailureBus({ publish: (p) => published.push(p) });
    try {
      // Two instances' guards of one name, in one test process: one announces, the payload is
      // then handed to the other as another instance would receive it (with a foreign instance id).
      const a = new BruteForceGuard({ sharedAs: "test-shared-a" });
      const b = new BruteForceGuard({ sharedAs: "test-shared-b" });
      const asFromOtherInstance = (payload: string) => {
        const [, , kind, bucket, subject] = JSON.parse(payload.slice(3)) as [string, string, string, string, string | null];
        return "bf:" + JSON.stringify(["test-shared-b", "another-instance", kind, bucket, subject]);
      };
      for (let i = 0; i < PAIR_LIMITS.maxFailures; i++) a.failed("203.0.113.9", "client-x");
      expect(published).toHaveLength(PAIR_LIMITS.maxFailures);
      // Its own payloads come back from PostgreSQL too: ignored (not counted twice).
      for (const p of published) expect(applySharedFailure(p)).toBe(true);
      expect(() => b.checkSubject("client-x", "203.0.113.9")).not.toThrow();
      // The other instance's: counted, so b refuses after a's failures alone.
      for (const p of published) applySharedFailure(asFromOtherInstance(p));
      expect(() => b.checkSubject("client-x", "203.0.113.9")).toThrow(/blocked/);
      expect(() => a.checkSubject("client-x", "203.0.113.9")).toThrow(/blocked/);
      // A success with nothing to clear announces nothing (the hot path stays in memory).
      published.length = 0;
      a.succeeded("client-y", "203.0.113.9");
      expect(published).toEqual([]);
      a.succeeded("client-x", "203.0.113.9");
      expect(published).toHaveLength(1);
      applySharedFailure(asFromOtherInstance(published[0]!));
      expect(() => b.checkSubject("client-x", "203.0.113.9")).not.toThrow();
      expect(applySharedFailure("app:com.example/x")).toBe(false);
      expect(applySharedFailure("bf:not json")).toBe(true);
    } finally {
      setFailureBus(null);
    }
  });
});
