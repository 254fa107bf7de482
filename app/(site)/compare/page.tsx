import type { Metadata } from "next";
import { Suspense } from "react";
import { ComparePlayer } from "@/components/compare/compare-player";
import { compareText } from "@/content/compare";

export const metadata: Metadata = { title: compareText.title, description: compareText.description };

/**
 * /compare?flows=a,b[,c]&seed=S&mode=together|apart&step=N — the page is static; the player reads
 * the address in the browser and runs the flows there (the engine loads on first use).
 */
export default function ComparePage() {
  return (
    <div className="mx-auto max-w-7xl px-4 pt-4 pb-12 sm:px-6">
      <header className="mb-3">
        <h1 className="text-2xl font-bold tracking-tight text-foreground sm:text-3xl">{compareText.title}</h1>
        <p className="mt-1 max-w-4xl text-[0.9375rem] text-pretty text-muted">{compareText.intro}</p>
      </header>
      <Suspense>
        <ComparePlayer />
      </Suspense>
    </div>
  );
}
