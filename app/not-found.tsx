import type { Metadata } from "next";
import { FlowList } from "@/components/flow/flow-list";
import { SiteChrome } from "@/components/site-chrome";
import { notFoundPage } from "@/content/not-found";

export const metadata: Metadata = { title: notFoundPage.title };

export default function NotFound() {
  // The root not-found page answers every unmatched URL, outside the route groups: it brings the site's chrome itself.
  return (
    <SiteChrome>
      <div className="mx-auto max-w-2xl px-4 py-20 text-center sm:px-6">
        <p className="font-mono text-sm font-semibold text-accent">404</p>
        <h1 className="mt-3 text-3xl font-bold tracking-tight text-foreground sm:text-4xl">
          {notFoundPage.title}
        </h1>
        <p className="mt-4 leading-7 text-muted">{notFoundPage.body}</p>
        <a
          href="/"
          className="mt-8 inline-flex rounded-lg bg-accent px-5 py-2.5 font-medium text-accent-foreground hover:opacity-90"
        >
          {notFoundPage.homeLink}
        </a>
        {/* The static export has one 404 page: it also answers /flows/<unknown>, so it lists the flows. */}
        <FlowList />
      </div>
    </SiteChrome>
  );
}
