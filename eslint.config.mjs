// ESLint for the site's scripts (docs/assets/javascripts), the snapshot maker and the Node tests
// and helpers. `npx eslint` runs it; tests/test_javascript.py runs it under pytest.
import js from "@eslint/js";

const browser = {
  window: "readonly", document: "readonly", navigator: "readonly", location: "readonly",
  history: "readonly", performance: "readonly", console: "readonly", fetch: "readonly",
  URL: "readonly", URLSearchParams: "readonly", Worker: "readonly", Blob: "readonly",
  CustomEvent: "readonly", Event: "readonly", Intl: "readonly", setTimeout: "readonly",
};
const worker = {
  self: "readonly", postMessage: "readonly", onmessage: "writable", fetch: "readonly",
  URL: "readonly", performance: "readonly", console: "readonly", setTimeout: "readonly",
  Blob: "readonly", DecompressionStream: "readonly", Response: "readonly",
  TextDecoder: "readonly", TextEncoder: "readonly", XMLHttpRequest: "readonly",
  ReadableStream: "readonly", TransformStream: "readonly", crypto: "readonly",
  WebAssembly: "writable",
};
const node = {
  process: "readonly", console: "readonly", URL: "readonly", performance: "readonly",
  setTimeout: "readonly", Intl: "readonly",
};

export default [
  { ignores: ["node_modules/", "site/", ".site-*/", ".cache/", ".venv/", "docs/assets/javascripts/mermaid.min.js"] },
  js.configs.recommended,
  {
    rules: {
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "prefer-const": "error",
      "no-var": "error",
    },
  },
  {
    // Classic scripts: the Mermaid stand-in and the accessible names.
    files: ["docs/assets/javascripts/mermaid-loader.js", "docs/assets/javascripts/encours-a11y.js"],
    languageOptions: { sourceType: "script", globals: browser },
  },
  {
    // The page's ES modules.
    files: ["docs/assets/javascripts/encours-*.js"],
    ignores: ["docs/assets/javascripts/encours-a11y.js"],
    languageOptions: { sourceType: "module", globals: browser },
  },
  {
    // The worker, and the boot module it shares with Node (isomorphic: no browser or Node API).
    files: ["docs/assets/javascripts/*.mjs"],
    languageOptions: { sourceType: "module", globals: worker },
  },
  {
    // The service worker's logic (the build writes it to the site's root as encours-sw.js).
    files: ["encours/service-worker.js"],
    languageOptions: {
      sourceType: "script",
      globals: { self: "readonly", caches: "readonly", fetch: "readonly", URL: "readonly",
        URLPattern: "readonly", Response: "readonly", console: "readonly" },
    },
  },
  {
    files: ["encours/*.mjs", "tests/**/*.mjs", "eslint.config.mjs"],
    languageOptions: { sourceType: "module", globals: node },
  },
];
