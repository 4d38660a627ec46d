// The app's multi-language Name (seed 003 "The multi-language name of the application.") in
// the browser's language (RFC 9110 §12.5.4 Accept-Language), when a translation exists.

/** Language ranges of an Accept-Language header, best first (q=0 dropped). */
export function acceptedLanguages(header: string | null): string[] {
  if (!header) return [];
  const ranges: { tag: string; q: number; i: number }[] = [];
  header.split(",").forEach((part, i) => {
    const [rawTag = "", ...params] = part.trim().split(";");
    const tag = rawTag.trim().toLowerCase();
    if (!/^[a-z]{1,8}(-[a-z0-9]{1,8})*$/.test(tag)) return;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (q > 0) ranges.push({ tag, q, i });
  });
  return ranges.sort((a, b) => b.q - a.q || a.i - b.i).map((r) => r.tag);
}

/** The translation for the best accepted language (exact tag, then its primary subtag), else the default. */
export function localizedName(defaultName: string, translations: Readonly<Record<string, string>>, acceptLanguage: string | null): { text: string; lang: string | null } {
  const byTag = new Map(Object.entries(translations).map(([lang, text]) => [lang.toLowerCase(), { lang, text }]));
  for (const tag of acceptedLanguages(acceptLanguage)) {
    const hit = byTag.get(tag) ?? byTag.get(tag.split("-")[0]!);
    if (hit && hit.text.trim() !== "") return { text: hit.text, lang: hit.lang };
  }
  return { text: defaultName, lang: null };
}
