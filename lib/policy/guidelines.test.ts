import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GUIDELINES } from "./guidelines";
import { REQUEST_RULES } from "./request-rules";
import { RULES } from "./rules/index";

const ALL_RULES = [...RULES, ...REQUEST_RULES];
const KNOWN_IDS = new Set(ALL_RULES.map((r) => r.id));

describe("GUIDELINES", () => {
  it("maps only to rule ids that exist", () => {
    for (const g of GUIDELINES) for (const id of g.ruleIds) expect(KNOWN_IDS, `${g.sentence} -> ${id}`).toContain(id);
  });

  it("gives every sentence a rule or an explicit enforcer", () => {
    for (const g of GUIDELINES) {
      expect(g.ruleIds.length > 0 || (g.enforcedBy ?? "").length > 0, g.sentence).toBe(true);
    }
  });

  it("traces every rule to a guideline sentence or an RFC", () => {
    const referenced = new Set(GUIDELINES.flatMap((g) => g.ruleIds));
    for (const rule of ALL_RULES) {
      const citesRfc = rule.seed.some((s) => s.source.startsWith("RFC "));
      expect(referenced.has(rule.id) || citesRfc, rule.id).toBe(true);
    }
  });

  it("has no duplicate entries", () => {
    const keys = GUIDELINES.map((g) => `${g.source}|${g.section}|${g.sentence}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

// The quotes must be exact. The seeds live beside the repository (../shared/seeds, or /work/shared/seeds); set
// POLICY_SEEDS_DIR to check against another copy. Seed 000 lost the spaces around inline
// code when it was extracted ("fromNoneintroduces"), so whitespace is ignored.
const SEEDS_DIR = [process.env.POLICY_SEEDS_DIR, path.resolve(import.meta.dirname, "../../../shared/seeds"), "/work/shared/seeds"].find(
  (dir): dir is string => dir !== undefined && existsSync(dir),
);

describe.skipIf(SEEDS_DIR === undefined)("quotes match the seed text", () => {
  const squash = (s: string) => s.replace(/\s+/g, "");
  const seeds = new Map<string, string>();
  // The body runs at collection even when skipped: read nothing then.
  for (const file of SEEDS_DIR === undefined ? [] : readdirSync(SEEDS_DIR)) {
    const m = /^(\d{3})_.*\.txt$/.exec(file);
    if (m) seeds.set(m[1]!, squash(readFileSync(path.join(SEEDS_DIR!, file), "utf8")));
  }

  it("quotes every guideline sentence exactly", () => {
    for (const g of GUIDELINES) expect(seeds.get(g.source), `${g.source}: ${g.sentence}`).toContain(squash(g.sentence));
  });

  it("quotes every rule's seed sentence exactly", () => {
    for (const rule of ALL_RULES) {
      for (const s of rule.seed) {
        if (s.source.startsWith("RFC ")) continue;
        expect(seeds.get(s.source), `${rule.id} ${s.source}: ${s.sentence}`).toContain(squash(s.sentence));
      }
    }
  });

  it("would notice a misquote", () => {
    expect(seeds.get("002")).not.toContain(squash("Use HTTPS and allow wildcards."));
  });
});
