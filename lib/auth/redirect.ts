// Where the console may send the browser after signing in (or after a forced password
// change): only a page of its own origin. The target is parsed as a URL against our origin
// and accepted only when the parsed origin is ours, so every trick that a prefix check misses
// (`/\host`, `/%5Chost`, `/<TAB>/host`, `//host`, `https:host`) lands on /apps instead of
// another site. Pure: the sign-in page (server) and the sign-in form (browser) both ask it.

export const DEFAULT_AFTER_SIGN_IN = "/apps";

/** The same-origin path (with query and fragment) of `target`, or `fallback`. */
export function safeRedirectPath(target: string | null | undefined, origin: string, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof target !== "string" || target === "" || target.length > 2000) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    // Percent-decoded first: `/%5C127.0.0.1/x` is what a browser may turn into `/\127.0.0.1/x`.
    let decoded = target;
    try {
      decoded = decodeURIComponent(target);
    } catch {
      return fallback;
    }
    for (const candidate of [target, decoded]) {
      if (new URL(candidate, base).origin !== base.origin) return fallback;
    }
    url = new URL(target, base);
  } catch {
    return fallback;
  }
  // Never back to the sign-in page itself, nor to next-auth's endpoints.
  if (url.pathname === "/signin" || url.pathname.startsWith("/api/auth")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
