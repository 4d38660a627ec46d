import { describe, expect, it } from "vitest";
import { INVALID_REQUEST_DESCRIPTIONS, InvalidRequest, type InvalidRequestReason } from "../errors";
import { MAX_BODY_BYTES, decodeFormComponent, parseTokenRequestBody } from "./form";

const FORM = "application/x-www-form-urlencoded";

function rejection(fn: () => unknown): InvalidRequest {
  try {
    fn();
  } catch (err) {
    if (err instanceof InvalidRequest) return err;
    throw err;
  }
  throw new Error("expected InvalidRequest");
}

function expectInvalidRequest(fn: () => unknown, reason: InvalidRequestReason): InvalidRequest {
  const err = rejection(fn);
  expect([err.error, err.status, err.description]).toEqual([
    "invalid_request",
    400,
    INVALID_REQUEST_DESCRIPTIONS[reason],
  ]);
  return err;
}

describe("parseTokenRequestBody", () => {
  it("parses a client_credentials request", () => {
    const params = parseTokenRequestBody(
      FORM,
      "grant_type=client_credentials&client_id=my.trusted.app&scope=read+update",
    );
    expect(Object.fromEntries(params)).toEqual({
      grant_type: "client_credentials",
      client_id: "my.trusted.app",
      scope: "read update",
    });
  });

  it("decodes + and percent escapes as UTF-8 in names and values", () => {
    const params = parseTokenRequestBody(FORM, "a%5Fb=x%20y+z%2B&n=%C3%BC%E2%82%AC");
    expect(params.get("a_b")).toBe("x y z+");
    expect(params.get("n")).toBe("ü€");
  });

  it.each([
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=UTF-8",
    "Application/X-WWW-Form-Urlencoded;charset=utf-8",
    'application/x-www-form-urlencoded; charset="utf-8"',
    "application/x-www-form-urlencoded ; foo=bar",
  ])("accepts Content-Type %j", (ct) => {
    expect(parseTokenRequestBody(ct, "a=1").get("a")).toBe("1");
  });

  it.each([
    null,
    "",
    "application/json",
    "multipart/form-data; boundary=x",
    "text/plain",
    "application/x-www-form-urlencoded; charset=ISO-8859-1",
    "application/x-www-form-urlencodedx",
  ])("refuses Content-Type %j", (ct) => {
    const err = expectInvalidRequest(() => parseTokenRequestBody(ct, "a=1"), "content_type");
    expect(err.description).toBe("The request body must be sent as application/x-www-form-urlencoded with UTF-8.");
  });

  it("refuses a repeated parameter (RFC 6749 §3.2), naming it only in the private detail", () => {
    const err = expectInvalidRequest(
      () => parseTokenRequestBody(FORM, "grant_type=client_credentials&scope=read&scope=admin"),
      "duplicate_parameter",
    );
    expect(err.description).toBe("A request parameter was included more than once.");
    expect(err.detail).toBe('duplicate parameter: "scope"');
    expect(err.description).not.toContain("scope");
  });

  it("counts a repetition as a duplicate even when one copy is empty, and after decoding", () => {
    expectInvalidRequest(() => parseTokenRequestBody(FORM, "client_id=&client_id=a"), "duplicate_parameter");
    expectInvalidRequest(() => parseTokenRequestBody(FORM, "client_id=a&client%5Fid=b"), "duplicate_parameter");
  });

  it("treats parameters without a value as omitted (RFC 6749 §3.1)", () => {
    const params = parseTokenRequestBody(FORM, "client_secret=&scope&grant_type=client_credentials&&");
    expect([...params.keys()]).toEqual(["grant_type"]);
    expect(params.has("client_secret")).toBe(false);
  });

  it("returns an empty map for an empty body", () => {
    expect(parseTokenRequestBody(FORM, "").size).toBe(0);
  });

  it("keeps prototype-ish names as ordinary parameters", () => {
    const params = parseTokenRequestBody(FORM, "__proto__=x&constructor=y");
    expect(params.get("__proto__")).toBe("x");
    expect(params.get("constructor")).toBe("y");
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it.each(["a=%zz", "a=%", "a=%E0%A4", "a=%FF", "%=1"])("refuses malformed percent-encoding %j", (body) => {
    const err = expectInvalidRequest(() => parseTokenRequestBody(FORM, body), "malformed_body");
    expect(err.description).toBe("The request body is not valid application/x-www-form-urlencoded.");
  });

  it("refuses a parameter with an empty name", () => {
    expectInvalidRequest(() => parseTokenRequestBody(FORM, "=x&a=1"), "malformed_body");
  });

  it("accepts a body of exactly the limit and refuses one byte more, counting UTF-8 bytes", () => {
    const atLimit = `a=${"x".repeat(MAX_BODY_BYTES - 2)}`;
    expect(parseTokenRequestBody(FORM, atLimit).get("a")?.length).toBe(MAX_BODY_BYTES - 2);
    const err = expectInvalidRequest(() => parseTokenRequestBody(FORM, `${atLimit}x`), "body_too_large");
    expect(err.description).toBe("The request body is too large.");
    // 6000 three-byte characters: 6002 UTF-16 units but 18002 bytes.
    expectInvalidRequest(() => parseTokenRequestBody(FORM, `a=${"€".repeat(6000)}`), "body_too_large");
  });
});

describe("decodeFormComponent", () => {
  it("turns + into space before percent-decoding, so %2B stays a plus", () => {
    expect(decodeFormComponent("a+b%2Bc%3Ad")).toBe("a b+c:d");
  });
  it("throws URIError on malformed escapes", () => {
    expect(() => decodeFormComponent("%G0")).toThrow(URIError);
  });
});
