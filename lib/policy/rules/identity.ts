// The app's identity: ApplicationUri is the OAuth client_id, "Application globally
// unique Uri in reverse host name format" (seed 003).

import { finding, q, type PolicyRule } from "../rule";

// Reverse host-name labels (RFC 1123 label syntax), at least two, the first a TLD-like
// label starting with a letter, then an optional /path of printable characters
// without commas (the seeds' lists are comma-separated).
const REVERSE_HOST_NAME =
  /^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+(?:\/[\x21-\x2B\x2D-\x7E]+)?$/i;

export function isReverseHostName(uri: string): boolean {
  return REVERSE_HOST_NAME.test(uri);
}

export const appUriFormat: PolicyRule = {
  id: "TA-APP-URI-FORMAT",
  severity: "warning",
  title: "ApplicationUri is not in reverse host-name form",
  triggers:
    "ApplicationUri is not reverse DNS labels (at least two, e.g. com.vendor) optionally followed by /path, e.g. com.vendor/app.",
  why: "The ApplicationUri is the client_id and must stay globally unique and stable; a reverse host name under a domain the vendor owns guarantees that, ad-hoc names collide.",
  seed: [
    { source: "003", sentence: 'Application globally unique Uri in reverse host name format. For example: "com.manufacturer/app".' },
    { source: "000", sentence: "Required. Use a stable, globally unique value (for example, com.vendor/app)." },
  ],
  fix: "Use the vendor's domain reversed plus the app name, e.g. com.vendor/app.",
  flows: [],
  check(app) {
    if (isReverseHostName(app.ApplicationUri)) return [];
    return [
      finding(appUriFormat, "ApplicationUri", `ApplicationUri ${q(app.ApplicationUri)} is not in reverse host-name form.`),
    ];
  },
};
