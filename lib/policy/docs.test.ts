import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderPolicyMarkdown } from "./docs";
import { REQUEST_RULES } from "./request-rules";
import { RULES } from "./rules/index";

describe("docs/policy.md", () => {
  const markdown = renderPolicyMarkdown();

  it("is up to date (regenerate with `npx tsx scripts/gen-policy-docs.ts`)", () => {
    const onDisk = readFileSync(fileURLToPath(new URL("../../docs/policy.md", import.meta.url)), "utf8");
    expect(onDisk).toBe(markdown);
  });

  it("documents the severities and every rule id", () => {
    expect(markdown).toContain("## Severity");
    expect(markdown).toContain("the token endpoint refuses the flows listed");
    expect(markdown).toContain("saving needs the administrator's acknowledgement");
    for (const r of [...RULES, ...REQUEST_RULES]) expect(markdown).toContain(`| \`${r.id}\` |`);
    expect(markdown).toContain("## Seed sentence → rule ids");
  });

  it("keeps table cells on one line with pipes escaped", () => {
    const rows = markdown.split("\n").filter((l) => l.startsWith("| `TA-"));
    expect(rows).toHaveLength(RULES.length + REQUEST_RULES.length);
    // 7 columns: 8 unescaped pipes per row.
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 1, row.slice(0, 40)).toBe(8);
  });
});
