// The few pages the identity server answers itself, without Next.js: the authorization
// endpoint's error page (RFC 6749 §4.1.2.1: an unknown client or redirect URI is told to the
// user, never redirected to) and end-session's "signed out" page. Static HTML, every value
// escaped; a Content-Security-Policy that allows only the page's own inline style (by hash),
// frames nothing and is framed by nobody.
import { hash } from "node:crypto";
import { noStoreHeaders } from "../errors";
import type { OAuthResponse } from "./http";

const STYLE =
  "body{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#0f172a;line-height:1.5}" +
  "h1{font-size:1.4rem}.muted{color:#475569;font-size:.9rem}code{background:#f1f5f9;padding:0 .25rem;border-radius:.2rem}" +
  "@media (prefers-color-scheme:dark){body{background:#020617;color:#e2e8f0}.muted{color:#94a3b8}code{background:#1e293b}}";

const STYLE_HASH = hash("sha256", STYLE, "base64");

export const HTML_PAGE_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One paragraph of the page: plain text (escaped), or a muted note. */
export type Paragraph = string | { muted: string } | { code: string; label: string };

export function htmlPage(status: number, title: string, paragraphs: readonly Paragraph[], extra: { headers?: Record<string, string>; cookies?: readonly string[] } = {}): OAuthResponse {
  const body = paragraphs
    .map((p) =>
      typeof p === "string"
        ? `<p>${escapeHtml(p)}</p>`
        : "muted" in p
          ? `<p class="muted">${escapeHtml(p.muted)}</p>`
          : `<p class="muted">${escapeHtml(p.label)} <code>${escapeHtml(p.code)}</code></p>`,
    )
    .join("");
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
  return {
    status,
    headers: { ...noStoreHeaders(), "Content-Type": "text/html;charset=UTF-8", "Content-Security-Policy": HTML_PAGE_CSP, ...extra.headers },
    body: html,
    ...(extra.cookies?.length ? { cookies: extra.cookies } : {}),
  };
}

/** A redirect (RFC 9110 §15.4): 303 after a POST, 302 after a GET; never cached. */
export function redirectResponse(location: string, method: string, cookies?: readonly string[]): OAuthResponse {
  return {
    status: method === "POST" ? 303 : 302,
    headers: { ...noStoreHeaders(), Location: location },
    body: null,
    ...(cookies?.length ? { cookies } : {}),
  };
}
