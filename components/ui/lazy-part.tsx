"use client";

import { lazy, Suspense, type ComponentType, type ReactNode } from "react";

/**
 * A part of a page fetched the first time it is rendered, with what shows while it loads. Every
 * part made with it is rendered only in the browser — once its area nears the screen, or once the
 * learner asks for it — so the static HTML holds neither the part nor its fallback. React's own
 * lazy(), not next/dynamic: the page's first load does not carry Next's loader for it (≈ 1.5 KB gz).
 */
export function lazyPart<Props extends object>(load: () => Promise<ComponentType<Props>>, fallback: ReactNode): ComponentType<Props> {
  const Part = lazy(() => load().then((component) => ({ default: component })));
  function LazyPart(props: Props) {
    return (
      <Suspense fallback={fallback}>
        <Part {...props} />
      </Suspense>
    );
  }
  return LazyPart;
}
