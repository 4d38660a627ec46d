import { describe, expect, it } from "vitest";
import { extractClientCredentials } from "./client-auth";
import { INVALID_REQUEST_DESCRIPTIONS, InvalidClient, OAuthError } from "../errors";
import { parseTokenRequestBody } from "../http/form";

const NO_PARAMS = new Map<string, string>();

function basic(raw: string): string {
  return `Basic ${Buffer.from(raw, "utf8").toString("base64")}`;
}

/** RFC 6749 Appendix B: form-urlencode each part, then base64 "id:secret". */
function appendixB(clientId: string, secret: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, "+");
  return basic(`${enc(clientId)}:${enc(secret)}`);
}

function thrown(fn: () => unknown): OAuthError {
  try {
    fn();
  } catch (err) {
    if (err instanceof OAuthError) return err;
    throw err;
  }
  throw new Error("expected an OAuthError");
}

function expectInvalidClient(fn: () => unknown): OAuthError {
  const err = thrown(fn);
  expect([err.error, err.status, err.description]).toEqual(["invalid_client", 401, "Client authentication failed."]);
  return err;
}

describe("client_secret_basic (RFC 6749 §2.3.1)", () => {
  it("decodes id and secret", () => {
    expect(extractClientCredentials(basic("my.trusted.app:s3cret"), NO_PARAMS)).toEqual({
      method: "client_secret_basic",
      clientId: "my.trusted.app",
      clientSecret: "s3cret",
    });
  });

  it("form-decodes both parts per Appendix B: %3A is a colon, + is a space, %2B a plus", () => {
    const secret = "p:ss+w rd%/é";
    const header = appendixB("my app:1", secret.replace("é", "e"));
    // The encoded header contains no raw colon except the separator.
    expect(Buffer.from(header.slice(6), "base64").toString()).toBe("my+app%3A1:p%3Ass%2Bw+rd%25%2Fe");
    expect(extractClientCredentials(header, NO_PARAMS)).toEqual({
      method: "client_secret_basic",
      clientId: "my app:1",
      clientSecret: "p:ss+w rd%/e",
    });
  });

  it("splits on the first colon only, so an unencoded colon stays in the secret", () => {
    expect(extractClientCredentials(basic("app:a:b"), NO_PARAMS).clientSecret).toBe("a:b");
  });

  it("decodes a raw + as a space, as Appendix B says", () => {
    expect(extractClientCredentials(basic("app:a+b"), NO_PARAMS).clientSecret).toBe("a b");
  });

  it("leaves generated (base64url) secrets untouched whether or not the client encoded them", () => {
    const secret = "Zm9v-YmFy_AZaz09";
    expect(extractClientCredentials(basic(`app:${secret}`), NO_PARAMS).clientSecret).toBe(secret);
    expect(extractClientCredentials(appendixB("app", secret), NO_PARAMS).clientSecret).toBe(secret);
  });

  it("accepts any case for the scheme, extra spaces and unpadded base64", () => {
    const token = Buffer.from("app:secret1").toString("base64"); // "YXBwOnNlY3JldDE="
    expect(token.endsWith("=")).toBe(true);
    for (const header of [`basic ${token}`, `BASIC   ${token}  `, `Basic ${token.replace(/=+$/, "")}`]) {
      expect(extractClientCredentials(header, NO_PARAMS)).toMatchObject({ clientId: "app", clientSecret: "secret1" });
    }
  });

  it.each([
    ["another scheme", "Bearer abc"],
    ["no credentials", "Basic"],
    ["empty header", ""],
    ["invalid base64", "Basic !!!!"],
    ["base64 of impossible length", "Basic YWJjZ"],
    ["wrong padding", "Basic YWJj="],
    ["no colon", basic("just-an-id")],
    ["empty client_id", basic(":secret")],
    ["empty secret", basic("app:")],
    ["malformed escape", basic("app:100%")],
    ["escape that is not UTF-8", basic("app:%FF")],
    ["control character", basic("app:a%0Ab")],
    ["non-VSCHAR client_id", basic("ap%C3%BC:x")],
    ["not UTF-8 after base64", `Basic ${Buffer.from([0x61, 0x3a, 0xff]).toString("base64")}`],
  ])("refuses %s as invalid_client, so the response is a 401 challenge", (_name, header) => {
    expectInvalidClient(() => extractClientCredentials(header, NO_PARAMS));
  });

  it("refuses client_secret in the body as a second method (RFC 6749 §2.3)", () => {
    const params = new Map([
      ["client_id", "app"],
      ["client_secret", "other"],
    ]);
    for (const header of [basic("app:s"), "Bearer x"]) {
      const err = thrown(() => extractClientCredentials(header, params));
      expect([err.error, err.status, err.description]).toEqual([
        "invalid_request",
        400,
        INVALID_REQUEST_DESCRIPTIONS.multiple_auth_methods,
      ]);
    }
  });

  it("accepts the same client_id in the body but refuses a different one", () => {
    expect(extractClientCredentials(basic("app:s"), new Map([["client_id", "app"]]))).toEqual({
      method: "client_secret_basic",
      clientId: "app",
      clientSecret: "s",
    });
    const err = thrown(() => extractClientCredentials(basic("app:s"), new Map([["client_id", "evil"]])));
    expect([err.error, err.status, err.description]).toEqual([
      "invalid_request",
      400,
      "The client_id parameter does not match the client identified in the Authorization header.",
    ]);
  });

  it("keeps why authentication failed out of the public description", () => {
    const err = expectInvalidClient(() => extractClientCredentials(basic("app:"), NO_PARAMS));
    expect(err.detail).toBe("Basic credentials have an empty client_secret");
    expect(err).toBeInstanceOf(InvalidClient);
  });
});

describe("client_secret_post and none", () => {
  it("reads client_id and client_secret from the body", () => {
    const params = parseTokenRequestBody(
      "application/x-www-form-urlencoded",
      "grant_type=client_credentials&client_id=my.trusted.app&client_secret=a%2Bb",
    );
    expect(extractClientCredentials(null, params)).toEqual({
      method: "client_secret_post",
      clientId: "my.trusted.app",
      clientSecret: "a+b",
    });
  });

  it("a client_id alone is method none (a public client)", () => {
    expect(extractClientCredentials(null, new Map([["client_id", "spa"]]))).toEqual({
      method: "none",
      clientId: "spa",
    });
  });

  it("an empty client_secret counts as omitted", () => {
    const params = parseTokenRequestBody("application/x-www-form-urlencoded", "client_id=spa&client_secret=");
    expect(extractClientCredentials(null, params).method).toBe("none");
    expect(extractClientCredentials(null, { client_id: "spa", client_secret: "" }).method).toBe("none");
  });

  it("accepts a plain record and ignores inherited properties", () => {
    expect(extractClientCredentials(null, { client_id: "a", client_secret: "b" })).toEqual({
      method: "client_secret_post",
      clientId: "a",
      clientSecret: "b",
    });
    const inherited = Object.create({ client_id: "x" }) as Record<string, string>;
    expectInvalidClient(() => extractClientCredentials(null, inherited));
  });

  it("no client at all is invalid_client (RFC 6749 §5.2: no client authentication included)", () => {
    const err = expectInvalidClient(() => extractClientCredentials(null, NO_PARAMS));
    expect(err.detail).toBe("no client authentication included");
  });

  it("a client_secret without client_id is invalid_client", () => {
    const err = expectInvalidClient(() => extractClientCredentials(null, new Map([["client_secret", "s"]])));
    expect(err.detail).toBe("client_secret without client_id");
  });

  it("refuses control characters in body credentials", () => {
    expectInvalidClient(() => extractClientCredentials(null, new Map([["client_id", "a\nb"]])));
    expectInvalidClient(() =>
      extractClientCredentials(
        null,
        new Map([
          ["client_id", "a"],
          ["client_secret", "s\u0000"],
        ]),
      ),
    );
  });
});
