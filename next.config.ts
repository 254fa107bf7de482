import type { NextConfig } from "next";

// Static export: `next build` writes a plain static site to out/ (no server at run time).
const nextConfig: NextConfig = {
  output: "export",
  images: { unoptimized: true },
  reactStrictMode: true,
  poweredByHeader: false,
  typescript: {
    // The build type-checks the site: app/ and everything it imports (components/, content/,
    // machines/ …). Tests and scripts are checked by `npm run typecheck` (tsconfig.json).
    tsconfigPath: "tsconfig.build.json",
  },
};

export default nextConfig;
