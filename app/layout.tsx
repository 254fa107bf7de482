import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { KeepOffline } from "@/components/offline/keep-offline";
import { THEME_INIT_SCRIPT } from "@/components/theme/theme";
import { site } from "@/content/site";
import "./globals.css";

/** The element after the page's content (header, main, footer), which the first frame waits for. */
const CONTENT_END_ID = "end-of-content";

export const metadata: Metadata = {
  title: { default: site.name, template: `%s · ${site.name}` },
  description: site.description,
  icons: { icon: { url: "/favicon.svg", type: "image/svg+xml" } },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0b1120" },
  ],
};

export default function RootLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    // suppressHydrationWarning: the theme script below sets data-theme on <html> before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* Applies the stored light/dark choice before the first paint. Constant text. */}
        <script dangerouslySetInnerHTML={{ __html: THEME_INIT_SCRIPT }} />
        {/*
          No frame before the page's content is parsed: a slow network delivers the HTML in pieces,
          and a frame painted mid-header or mid-hero would move when the rest arrives (a layout
          shift). The wait ends at the marker after the content, before the RSC payload, which is
          most of the bytes. Browsers without rel=expect paint as they parse, as before.
        */}
        <link rel="expect" href={`#${CONTENT_END_ID}`} blocking="render" />
      </head>
      <body className="flex min-h-dvh flex-col bg-background font-sans text-foreground antialiased">
        <a
          href="#main"
          className="sr-only rounded-md bg-accent px-4 py-2 font-medium text-accent-foreground focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
        >
          Skip to main content
        </a>
        {/* Each route group brings its own <main id="main">: app/(site) with the header and footer, app/(bare) without. */}
        {children}
        <div id={CONTENT_END_ID} hidden />
        <KeepOffline />
      </body>
    </html>
  );
}
