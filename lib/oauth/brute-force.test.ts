import { describe, expect, it } from "vitest";
import { BruteForceGuard, clientAddress } from "./brute-force";
import { TooManyRequests } from "./errors";

const req = (xff?: string, peerAddress?: string) => ({
  header: (name: string) => (name === "x-forwarded-for" ? (xff ?? null) : null),
  peerAddress,
});

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

describe("BruteForceGuard", () => {
  it("blocks a client after its failures, with Retry-After, and a success clears it", () => {
    const g = new BruteForceGuard({ client: { maxFailures: 2 } });
    g.failed("ip", "c");
    g.checkClient("c");
    g.failed("ip", "c");
    let thrown: unknown;
    try {
      g.checkClient("c");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(TooManyRequests);
    expect((thrown as TooManyRequests).status).toBe(429);
    expect((thrown as TooManyRequests).headers["Retry-After"]).toBe("1");
    g.succeeded("c");
    expect(() => g.checkClient("c")).not.toThrow();
  });

  it("does not track unknown client ids, but counts their failures per address", () => {
    const g = new BruteForceGuard({ ip: { maxFailures: 3 } });
    for (let i = 0; i < 3; i++) g.failed("203.0.113.1", null);
    expect(() => g.checkIp("203.0.113.1")).toThrow(TooManyRequests);
    expect(() => g.checkIp("203.0.113.2")).not.toThrow();
  });
});
