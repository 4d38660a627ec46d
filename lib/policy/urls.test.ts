import { describe, expect, it } from "vitest";
import { analyzeUrl, analyzeUrlWithUrlApi, isAbsoluteUri, isLoopbackHost, parseUrlList } from "./urls";

describe("parseUrlList", () => {
  it("splits the seed's comma-separated form, trims and drops empties", () => {
    expect(parseUrlList(" https://a.example.com/cb ,,https://b.example.com/cb, ")).toEqual([
      "https://a.example.com/cb",
      "https://b.example.com/cb",
    ]);
  });

  it("returns [] for null and empty", () => {
    expect(parseUrlList(null)).toEqual([]);
    expect(parseUrlList("")).toEqual([]);
    expect(parseUrlList(" , ")).toEqual([]);
  });
});

describe("isLoopbackHost", () => {
  it.each(["127.0.0.1", "127.8.9.10", "[::1]", "::1", "localhost", "LOCALHOST"])("%s is loopback", (h) => {
    expect(isLoopbackHost(h)).toBe(true);
  });

  it.each(["128.0.0.1", "127.0.0.1.nip.io", "localhost.example.com", "[::2]", "example.com", ""])(
    "%j is not loopback",
    (h) => {
      expect(isLoopbackHost(h)).toBe(false);
    },
  );
});

describe("analyzeUrl", () => {
  it("reads scheme, host and loopback from the parsed URL", () => {
    expect(analyzeUrl("http://[::1]:8080/cb")).toMatchObject({
      absolute: true,
      scheme: "http",
      host: "[::1]",
      loopback: true,
      wildcard: false,
      fragment: false,
    });
  });

  it("keeps wildcard and fragment facts even when the URI is not absolute", () => {
    expect(analyzeUrl("/cb#x*")).toMatchObject({ absolute: false, wildcard: true, fragment: true });
  });

  it("rejects relative, whitespace and slash-less http(s) forms as not absolute", () => {
    expect(isAbsoluteUri("/signin")).toBe(false);
    expect(isAbsoluteUri("https://a.example.com/a b")).toBe(false);
    expect(isAbsoluteUri("https:a.example.com/cb")).toBe(false);
    expect(isAbsoluteUri("HTTPS://a.example.com/cb")).toBe(true);
    expect(isAbsoluteUri("com.vendor.app:/callback")).toBe(true);
  });
});

describe("analyzeUrl fast path", () => {
  // The fast path must agree with the WHATWG URL reference on every field.
  const corpus = [
    "https://portal.vendor.com/signin-oidc",
    "HTTPS://Portal.Vendor.COM/Cb?x=1",
    "https://a.vendor.com:443/cb",
    "https://a.vendor.com:65535/cb",
    "https://a.vendor.com:65536/cb",
    "https://a.vendor.com?x",
    "https://a.vendor.com",
    "http://localhost:5000/cb",
    "http://LOCALHOST/cb",
    "http://127.0.0.1:5000/cb",
    "http://127.255.255.255/",
    "http://127.000.0.1/",
    "http://127.08.0.1/",
    "http://127.1/",
    "http://[::1]:8080/cb",
    "http://[0:0:0:0:0:0:0:1]/cb",
    "https://*.vendor.com/cb",
    "https://a.vendor.com/*",
    "https://a.vendor.com/cb#",
    "https://a.vendor.com/cb#x*y",
    "https://a_b.vendor.com/cb",
    "https://-a.vendor.com/cb",
    "https://xn--bcher-kva.example/cb",
    "https://xn--a.com/",
    "https://foo.1/",
    "https://1.2.3/",
    "https://256.1.1.1/",
    "https://a..b/",
    "https://a.b./",
    "https://user:pw@a.vendor.com/cb",
    "https:a.vendor.com/cb",
    "http:/a.vendor.com/cb",
    "https://a.vendor.com/a\\b",
    "https://a.vendor.com/é",
    "com.vendor.app:/callback",
    "urn:ietf:wg:oauth:2.0:oob",
    "mailto:x@example.com",
    "/relative",
    "relative/cb",
    "",
    "https://",
    "https://a.vendor.com/a b",
    "https://a.vendor.com/\u0001",
  ];

  it.each(corpus)("agrees with new URL on %j", (raw) => {
    expect(analyzeUrl(raw)).toEqual(analyzeUrlWithUrlApi(raw));
  });
});
