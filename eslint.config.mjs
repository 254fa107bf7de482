import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Pages link with plain anchors: each page is a static HTML file, and next/link's client
    // router would add ~4 KiB of JS to every first load (the flow page's budget is 170 KiB).
    rules: { "@next/next/no-html-link-for-pages": "off" },
  },
  globalIgnores([
    "**/.next/**",
    "**/out/**",
    "node_modules/**",
    "artifacts/**",
    "coverage/**",
    "test-results/**",
    "**/next-env.d.ts",
    ".scratch/**",
  ]),
]);
