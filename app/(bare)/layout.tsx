import type { ReactNode } from "react";

/** Pages without the site's header and footer: presenter mode, the audience window, the embed view, short links. */
export default function BareLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <main id="main" tabIndex={-1} className="flex flex-1 flex-col focus:outline-none">
      {children}
    </main>
  );
}
