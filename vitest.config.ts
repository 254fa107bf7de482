import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { configDefaults, defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// `npm test` (vitest run) runs all three projects:
// - node:    every test/**/*.test.ts outside test/browser and test/components (world, machines, scripts …)
// - jsdom:   React component tests, test/components/**/*.test.tsx
// - browser: test/browser/**/*.test.ts — drive Debian's Chromium with playwright-core against the
//            static export, built (if stale) and served by test/browser/global-setup.ts
// Run one with `npx vitest run --project node` (or jsdom, browser).
export default defineConfig({
  resolve: {
    // Same as tsconfig's "@/*": ["./*"], without an extra plugin.
    alias: [{ find: /^@\//, replacement: root }],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          environment: "node",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "test/browser/**", "test/components/**"],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: "jsdom",
          environment: "jsdom",
          include: ["test/components/**/*.test.tsx"],
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          environment: "node",
          include: ["test/browser/**/*.test.ts"],
          globalSetup: ["test/browser/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time: the files share one static server and a slow machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
