// Parsing of token / introspection / revocation request bodies
// (RFC 6749 §3.2, §4.4.2; RFC 7662 §2.1; RFC 7009 §2.1): always
// application/x-www-form-urlencoded in UTF-8 (RFC 6749 Appendix B).
import { InvalidRequest } from "../errors";

/** Largest body we parse. Token requests are a few hundred bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

/** Parsed parameters: name -> value. A Map, so "__proto__" and friends are just names. */
export type FormParams = ReadonlyMap<string, string>;

/**
 * Decodes one application/x-www-form-urlencoded component: "+" is a space,
 * then percent-decoding as UTF-8. Strict: a malformed escape ("%", "%zz") or
 * an escape sequence that is not valid UTF-8 throws a URIError rather than
 * passing through unchanged as the WHATWG parser would.
 */
export function decodeFormComponent(component: string): string {
  // Most names and values (grant_type=client_credentials) have nothing to decode.
  if (!component.includes("%") && !component.includes("+")) return component;
  return decodeURIComponent(component.replace(/\+/g, " "));
}

function isFormContentType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const [mediaType = "", ...params] = contentType.split(";");
  if (mediaType.trim().toLowerCase() !== "application/x-www-form-urlencoded") return false;
  for (const param of params) {
    const eq = param.indexOf("=");
    if (eq === -1) continue;
    const name = param.slice(0, eq).trim().toLowerCase();
    if (name !== "charset") continue;
    const value = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .toLowerCase();
    // Appendix B: the encoding is UTF-8; anything else would be mis-decoded.
    if (value !== "utf-8" && value !== "utf8") return false;
  }
  return true;
}

/**
 * Parses a token-endpoint style request body.
 *
 * - Only application/x-www-form-urlencoded (optionally `; charset=UTF-8`).
 * - Parameters sent without a value are treated as omitted (§3.1, §3.2).
 * - A parameter name that appears more than once is refused, even if one of
 *   the occurrences is empty (§3.2: "MUST NOT be included more than once");
 *   being strict here avoids two components disagreeing about which copy wins.
 *
 * Throws InvalidRequest; the private detail names the offending parameter,
 * the public description does not.
 */
export function parseTokenRequestBody(contentType: string | null, body: string): FormParams {
  if (!isFormContentType(contentType)) {
    throw new InvalidRequest(`unsupported content type: ${JSON.stringify(contentType)}`, {
      reason: "content_type",
    });
  }
  // body.length counts UTF-16 units, each at least one UTF-8 byte: cheap reject first.
  if (body.length > MAX_BODY_BYTES || Buffer.byteLength(body, "utf8") > MAX_BODY_BYTES) {
    throw new InvalidRequest(`body larger than ${MAX_BODY_BYTES} bytes`, { reason: "body_too_large" });
  }

  const seen = new Set<string>();
  const params = new Map<string, string>();
  forEachPair(body, "body", (name, value) => {
    if (seen.has(name)) {
      throw new InvalidRequest(`duplicate parameter: ${JSON.stringify(name.slice(0, 64))}`, { reason: "duplicate_parameter" });
    }
    seen.add(name);
    if (value !== "") params.set(name, value);
  });
  return params;
}

/** Parameters of an authorization request (query or form body), with the names that were repeated. */
export interface AuthorizationParams {
  params: FormParams;
  /** Names that appeared more than once (RFC 6749 §3.1: "MUST NOT be included more than once"). */
  duplicates: ReadonlySet<string>;
}

/**
 * Parses the query component or form body of an authorization request (RFC 6749 §3.1, §4.1.1).
 * Unlike parseTokenRequestBody, a repeated parameter is collected rather than thrown: whether it
 * is answered on the identity server's page or at the client's redirect URI depends on which
 * parameter it is (client_id and redirect_uri: on the page, RFC 6749 §4.1.2.1). Malformed
 * escapes and oversized input throw InvalidRequest.
 */
export function parseAuthorizationParams(text: string): AuthorizationParams {
  if (text.length > MAX_BODY_BYTES || Buffer.byteLength(text, "utf8") > MAX_BODY_BYTES) {
    throw new InvalidRequest(`parameters larger than ${MAX_BODY_BYTES} bytes`, { reason: "body_too_large" });
  }
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  const params = new Map<string, string>();
  forEachPair(text, "query", (name, value) => {
    if (seen.has(name)) duplicates.add(name);
    seen.add(name);
    if (value !== "" && !params.has(name)) params.set(name, value);
  });
  return { params, duplicates };
}

/** Decodes application/x-www-form-urlencoded text pair by pair, strictly (decodeFormComponent). */
function forEachPair(text: string, where: string, visit: (name: string, value: string) => void): void {
  if (text === "") return;
  for (const pair of text.split("&")) {
    if (pair === "") continue; // "a=1&&b=2": an empty sequence carries no parameter
    const eq = pair.indexOf("=");
    const rawName = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? "" : pair.slice(eq + 1);
    let name: string;
    let value: string;
    try {
      name = decodeFormComponent(rawName);
      value = decodeFormComponent(rawValue);
    } catch (cause) {
      throw new InvalidRequest(`malformed percent-encoding in ${where}`, { reason: "malformed_body", cause });
    }
    if (name === "") throw new InvalidRequest(`parameter with an empty name in ${where}`, { reason: "malformed_body" });
    visit(name, value);
  }
}
