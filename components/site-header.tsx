import Image from "next/image";
import Link from "next/link";
import { site } from "@/content/site";

export function SiteHeader() {
  return (
    <header className="border-b border-line">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <Link
          href="/"
          className="flex items-center gap-2.5 rounded-md font-semibold tracking-tight text-foreground"
        >
          <Image src="/favicon.svg" alt="" width={28} height={28} className="size-7 shrink-0" />
          <span className="whitespace-nowrap">{site.name}</span>
        </Link>
        <nav aria-label="Main">
          <ul className="flex items-center gap-0.5 text-sm sm:gap-1">
            {site.nav.map((item) => (
              <li key={item.href}>
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
      </div>
    </header>
  );
}
