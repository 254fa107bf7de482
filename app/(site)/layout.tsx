import type { ReactNode } from "react";
import { SiteChrome } from "@/components/site-chrome";

/** The pages of the site proper: header and footer around each. (Presenter, audience and embed views live in app/(bare)/.) */
export default function SiteLayout({ children }: Readonly<{ children: ReactNode }>) {
  return <SiteChrome>{children}</SiteChrome>;
}
