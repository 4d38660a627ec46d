// Lifecycle (seed 000): IsEnabled "Acts as an immediate kill switch."

import { finding, type PolicyRule } from "../rule";

export const appDisabled: PolicyRule = {
  id: "TA-APP-DISABLED",
  severity: "info",
  title: "App is disabled",
  triggers: "IsEnabled is false.",
  why: "A disabled app issues no tokens. If it stays unused it is a candidate for deletion, so that stale registrations do not accumulate.",
  seed: [
    { source: "000", sentence: "Acts as an immediate kill switch." },
    { source: "002", sentence: "Disable or delete unused apps (IsEnabled = false)." },
  ],
  fix: "Delete the app if it is no longer needed.",
  flows: [],
  check(app) {
    if (app.IsEnabled) return [];
    return [finding(appDisabled, "IsEnabled", "The app is disabled; delete it if it is no longer needed.")];
  },
};
