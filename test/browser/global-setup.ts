// Global setup of the "browser" Vitest project: make sure out/ holds a fresh static export
// (running `next build` when it is missing or older than the sources), then serve it over HTTP
// on a free localhost port. Tests read the address with inject("baseUrl").
//
// BROWSER_TESTS_BUILD=always forces a build, =never uses out/ as it is.

import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { finishExport } from "../../scripts/finish-export.mjs";
import { MANIFEST_FILE } from "../../scripts/offline-manifest.mjs";
import { createStaticServer } from "../../scripts/serve-static.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** Origin of the static server, e.g. http://127.0.0.1:41234 (no trailing slash). */
    baseUrl: string;
  }
}

const root = fileURLToPath(new URL("../..", import.meta.url));
const outDir = path.join(root, "out");

/** Everything the static export is built from. */
const SOURCES = ["app", "components", "content", "machines", "public"];
const SOURCE_FILES = ["next.config.ts", "postcss.config.mjs", "package.json", "package-lock.json", "tsconfig.json", "scripts/offline-manifest.mjs", "scripts/after-first-frame.mjs", "scripts/finish-export.mjs"];

function newestMtime(entry: string): number {
  let stats;
  try {
    stats = statSync(entry);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const name of readdirSync(entry)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

/** Why out/ must be rebuilt, or null when it is up to date. */
function staleReason(): string | null {
  const index = path.join(outDir, "index.html");
  if (!existsSync(index)) return "out/ has no static export yet";
  if (!existsSync(path.join(outDir, MANIFEST_FILE))) return `out/ has no ${MANIFEST_FILE} yet`;
  const built = statSync(index).mtimeMs;
  for (const source of [...SOURCES, ...SOURCE_FILES]) {
    if (newestMtime(path.join(root, source)) > built) return `${source} changed since the last build`;
  }
  return null;
}

/** What `npm run build` does: `next build`, then scripts/finish-export.mjs. */
function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
    const child = spawn(process.execPath, [nextBin, "build"], {
      cwd: root,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0 && existsSync(path.join(outDir, "index.html"))) {
        finishExport(outDir);
        resolve();
      }
      else reject(new Error(`next build failed (exit code ${code}):\n${output.slice(-8000)}`));
    });
  });
}

export default async function setup(project: TestProject) {
  const mode = process.env.BROWSER_TESTS_BUILD ?? "auto";
  const reason = mode === "always" ? "BROWSER_TESTS_BUILD=always" : mode === "never" ? null : staleReason();
  if (reason) {
    console.log(`[browser tests] building the static export (${reason}) …`);
    const started = Date.now();
    await build();
    console.log(`[browser tests] built out/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } else if (!existsSync(path.join(outDir, "index.html"))) {
    throw new Error("BROWSER_TESTS_BUILD=never, but out/ holds no static export: run `npm run build`.");
  }

  const server = createStaticServer({ root: outDir });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  project.provide("baseUrl", `http://127.0.0.1:${port}`);

  return async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}
