import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress } from "./brute-force";
import { forwardedFor } from "./node-adapter";

// What the per-address limit sees once the production server's door has settled the header.
function addressAfterDoor(xff: string | undefined, peer: string, trustProxy: boolean): string {
  const req = { headers: xff === undefined ? {} : { "x-forwarded-for": xff }, socket: { remoteAddress: peer } } as unknown as IncomingMessage;
  forwardedFor(req, trustProxy);
  const header = req.headers["x-forwarded-for"];
  return clientAddress({ header: () => (typeof header === "string" ? header : null), peerAddress: peer });
}

describe("forwardedFor", () => {
  it("ignores a client-sent X-Forwarded-For unless a proxy is trusted", () => {
    expect(addressAfterDoor(undefined, "192.0.2.7", false)).toBe("192.0.2.7");
    expect(addressAfterDoor("198.51.100.2", "10.0.0.1", false)).toBe("10.0.0.1");
    expect(addressAfterDoor("1.1.1.1, 198.51.100.2", "10.0.0.1", true)).toBe("198.51.100.2");
    expect(addressAfterDoor(undefined, "::ffff:127.0.0.1", true)).toBe("::ffff:127.0.0.1");
  });
});
