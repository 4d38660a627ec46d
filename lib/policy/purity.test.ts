import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// lib/policy runs in the browser, the server, the CLI and the tests (STYLE.md): its
// source may import only itself. Tests may use node modules; source files may not.
const dir = path.dirname(fileURLToPath(import.meta.url));

function sources(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [p] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\s[^;]*?\sfrom\s+["']([^"']+)["']/gm;

describe("lib/policy purity", () => {
  const files = sources(dir);

  it("finds the source files", () => {
    expect(files.map((f) => path.relative(dir, f))).toContain(path.join("rules", "redirects.ts"));
  });

  it.each(files.map((f) => [path.relative(dir, f), f]))("%s imports only relative modules", (_name, file) => {
    const specifiers = [...readFileSync(file, "utf8").matchAll(IMPORT)].map((m) => m[1]!);
    expect(specifiers.filter((s) => !s.startsWith("./") && !s.startsWith("../"))).toEqual([]);
  });
});
