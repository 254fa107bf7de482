import type { ReactNode } from "react";

/** A quiet sentence in a panel: what there is (or is not) to see here. */
export function PanelNote({ children }: { children: ReactNode }) {
  return <p className="text-sm leading-6 text-muted">{children}</p>;
}
