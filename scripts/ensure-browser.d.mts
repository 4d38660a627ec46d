// Types of ensure-browser.mjs for the TypeScript files that import it (playwright.config.ts).
export declare const CHROMIUM_ARGS: readonly string[];
export declare const NO_BROWSER_MESSAGE: string;
export declare function ensureBrowser(): Promise<string | null>;
