import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress } from "../guard/brute-force";
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

describe("forwardedFor and the forwarded host", () => {
  const headersAfterDoor = (headers: Record<string, string>, trustProxy: boolean) => {
    const req = { headers: { ...headers }, socket: { remoteAddress: "192.0.2.7" } } as unknown as IncomingMessage;
    forwardedFor(req, trustProxy);
    return req.headers;
  };

  it("drops a client-sent X-Forwarded-Host, -Proto and -Port (Next would trust them for the server-action origin check)", () => {
    const sent = { host: "console.example", "x-forwarded-host": "evil.test", "x-forwarded-proto": "https", "x-forwarded-port": "443" };
    const after = headersAfterDoor(sent, false);
    expect(after["x-forwarded-host"]).toBeUndefined();
    expect(after["x-forwarded-proto"]).toBeUndefined();
    expect(after["x-forwarded-port"]).toBeUndefined();
    expect(after.host).toBe("console.example");
  });

  it("keeps them behind a declared proxy (TRUST_PROXY)", () => {
    const after = headersAfterDoor({ "x-forwarded-host": "console.example", "x-forwarded-proto": "https" }, true);
    expect(after["x-forwarded-host"]).toBe("console.example");
    expect(after["x-forwarded-proto"]).toBe("https");
  });
});
