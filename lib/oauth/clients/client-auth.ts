// Extraction of client credentials from a token-endpoint request
// (RFC 6749 §2.3, §2.3.1, Appendix B). This step only finds out *which*
// client claims to be calling and with what secret; checking the secret and
// the client's registered method is the caller's next step.
import { InvalidClient, InvalidRequest } from "../errors";
import { decodeFormComponent, type FormParams } from "../http/form";

export type ClientAuthMethod = "client_secret_basic" | "client_secret_post" | "none";

export interface ClientCredentials {
  method: ClientAuthMethod;
  clientId: string;
  /** Present for client_secret_basic and client_secret_post. */
  clientSecret?: string;
}

/** The parsed form (a Map) or a plain record of already-decoded parameters. */
export type ParamSource = FormParams | Readonly<Record<string, string | undefined>>;

function param(params: ParamSource, name: string): string | undefined {
  const value =
    params instanceof Map
      ? (params as FormParams).get(name)
      : Object.hasOwn(params, name)
        ? (params as Readonly<Record<string, string | undefined>>)[name]
        : undefined;
  // §3.1: a parameter without a value is treated as omitted.
  return value === "" ? undefined : value;
}

// client_id and client_secret are *VSCHAR, i.e. %x20-7E (Appendix A.1, A.2).
const VSCHAR = /^[\x20-\x7E]*$/;

// RFC 4648 §4 alphabet. Padding may be omitted, but a length of 4n+1 is never valid.
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function isValidBase64(token: string): boolean {
  if (!BASE64.test(token)) return false;
  const unpadded = token.replace(/=+$/, "");
  if (token.length !== unpadded.length) return token.length % 4 === 0;
  return unpadded.length % 4 !== 1;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes `Authorization: Basic …` per RFC 6749 §2.3.1 and Appendix B: base64,
 * split on the first colon, then form-urlencoded-decode each half ("+" is a
 * space, %XX is a UTF-8 byte). Our generated secrets are base64url, which the
 * form encoding leaves untouched, so clients that skip the encoding still work.
 *
 * Any malformation is invalid_client, not invalid_request: the client tried
 * to authenticate with the Authorization header, and §5.2 then requires a 401
 * with a challenge, which only invalid_client provides.
 */
function decodeBasicCredentials(header: string): { clientId: string; clientSecret: string } {
  const trimmed = header.trim();
  const space = trimmed.search(/\s/);
  const scheme = space === -1 ? trimmed : trimmed.slice(0, space);
  // Auth schemes are case-insensitive (RFC 9110 §11.1).
  if (scheme.toLowerCase() !== "basic") {
    throw new InvalidClient("Authorization header uses an unsupported scheme");
  }
  const token = space === -1 ? "" : trimmed.slice(space + 1).trim();
  if (!isValidBase64(token)) {
    throw new InvalidClient("Basic credentials are not valid base64");
  }
  let decoded: string;
  try {
    decoded = utf8.decode(Buffer.from(token, "base64"));
  } catch (cause) {
    throw new InvalidClient("Basic credentials are not valid UTF-8", { cause });
  }
  const colon = decoded.indexOf(":");
  if (colon === -1) {
    throw new InvalidClient("Basic credentials have no colon separator");
  }
  let clientId: string;
  let clientSecret: string;
  try {
    clientId = decodeFormComponent(decoded.slice(0, colon));
    clientSecret = decodeFormComponent(decoded.slice(colon + 1));
  } catch (cause) {
    throw new InvalidClient("Basic credentials are not properly form-urlencoded (RFC 6749 Appendix B)", {
      cause,
    });
  }
  if (clientId === "") throw new InvalidClient("Basic credentials have an empty client_id");
  if (clientSecret === "") throw new InvalidClient("Basic credentials have an empty client_secret");
  return { clientId, clientSecret };
}

function assertVschar(clientId: string, clientSecret: string | undefined): void {
  // Also keeps control characters (log injection) out of everything downstream.
  if (!VSCHAR.test(clientId)) throw new InvalidClient("client_id contains characters outside VSCHAR");
  if (clientSecret !== undefined && !VSCHAR.test(clientSecret)) {
    throw new InvalidClient("client_secret contains characters outside VSCHAR");
  }
}

/**
 * Works out which client authentication method the request used and returns
 * the claimed client_id and secret.
 *
 * - Exactly one method per request (§2.3): an Authorization header together
 *   with client_secret in the body is invalid_request.
 * - With Basic, a client_id in the body is tolerated only if it is the same
 *   client; a different one is invalid_request.
 * - A client_id in the body without a secret is method "none" (a public
 *   client); the caller refuses it for grants that need a confidential client.
 * - No client identified at all is invalid_client: §5.2 lists "no client
 *   authentication included" under invalid_client, and the client_credentials
 *   grant requires authentication (§4.4.2). The same holds for a client_secret
 *   without a client_id: there is no client to authenticate.
 *
 * @param authorizationHeader the raw header value, or null when absent
 */
export function extractClientCredentials(
  authorizationHeader: string | null,
  params: ParamSource,
): ClientCredentials {
  const bodyClientId = param(params, "client_id");
  const bodySecret = param(params, "client_secret");

  if (authorizationHeader !== null) {
    if (bodySecret !== undefined) {
      throw new InvalidRequest("both Authorization header and client_secret in body", {
        reason: "multiple_auth_methods",
      });
    }
    const { clientId, clientSecret } = decodeBasicCredentials(authorizationHeader);
    assertVschar(clientId, clientSecret);
    if (bodyClientId !== undefined && bodyClientId !== clientId) {
      throw new InvalidRequest("client_id in body differs from the one in the Authorization header", {
        reason: "client_id_mismatch",
      });
    }
    return { method: "client_secret_basic", clientId, clientSecret };
  }

  if (bodyClientId === undefined) {
    throw new InvalidClient(
      bodySecret === undefined ? "no client authentication included" : "client_secret without client_id",
    );
  }
  assertVschar(bodyClientId, bodySecret);
  if (bodySecret !== undefined) {
    return { method: "client_secret_post", clientId: bodyClientId, clientSecret: bodySecret };
  }
  return { method: "none", clientId: bodyClientId };
}
