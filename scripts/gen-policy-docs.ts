// Writes docs/policy.md from the policy rules: npx tsx scripts/gen-policy-docs.ts
// lib/policy/docs.test.ts fails when the committed file differs from this output.

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderPolicyMarkdown } from "../lib/policy/docs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.join(root, "docs", "policy.md");
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, renderPolicyMarkdown(), "utf8");
console.log(`wrote ${path.relative(root, target)}`);
