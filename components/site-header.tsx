import { ThemeToggle } from "@/components/theme/theme-toggle";
import { site } from "@/content/site";

export function SiteHeader() {
  return (
    <header className="border-b border-line">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <a
          href="/"
          className="flex items-center gap-2.5 rounded-md font-semibold tracking-tight text-foreground"
        >
          {/* A plain <img>: the logo is a small static SVG, and next/image would add ~7 KiB of JS to every page for nothing. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/favicon.svg" alt="" width={28} height={28} className="size-7 shrink-0" />
          {/* On a phone the logo stands alone, so the nav and the theme toggle fit beside it. */}
          <span className="whitespace-nowrap max-sm:sr-only">{site.name}</span>
        </a>
        <nav aria-label="Main" className="ml-auto">
          <ul className="flex items-center gap-0.5 text-sm sm:gap-1">
            {site.nav.map((item) => (
              <li key={item.href} className={"hideOnPhone" in item && item.hideOnPhone ? "max-sm:hidden" : undefined}>
                <a
                  href={item.href}
                  className="rounded-md px-2 py-1.5 text-muted sm:px-2.5 hover:bg-surface hover:text-foreground"
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <ThemeToggle className="-mr-1.5 -ml-2 sm:-ml-1" />
      </div>
    </header>
  );
}
