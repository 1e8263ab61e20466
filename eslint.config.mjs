/*
 * Lint configuration, used by `office-addin-lint check|fix` (npm run lint, npm test).
 * The Office add-in rules (plugin:office-addins/recommended: reads before load/sync,
 * context.sync() in loops, ...) plus Prettier (office-addin-prettier-config, printWidth 100).
 */
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

/* Node's globals, for the CommonJS build scripts (listed here rather than adding a package). */
const nodeGlobals = Object.fromEntries(
  [
    "require",
    "module",
    "exports",
    "__dirname",
    "__filename",
    "process",
    "console",
    "Buffer",
    "URL",
    "globalThis",
    "setTimeout",
    "clearTimeout",
    "setInterval",
    "clearInterval",
    "setImmediate",
  ].map((name) => [name, "readonly"])
);

export default [
  {
    ignores: ["dist/**", "build/**", "coverage/**", "node_modules/**", "**/.out/**", ".tmp/**"],
  },
  ...officeAddins.configs.recommended,
  {
    // The recommended set names the TypeScript parser but does not carry it through (as in
    // office-addin-lint's own default config): set it here.
    languageOptions: { parser: tsParser },
  },
  {
    // TypeScript checks names itself (tsc --noEmit); ESLint's no-undef does not know types or
    // the Office, Excel and CustomFunctions globals declared by @types.
    files: ["**/*.ts"],
    rules: { "no-undef": "off" },
  },
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", ecmaVersion: 2022, globals: nodeGlobals },
  },
];
