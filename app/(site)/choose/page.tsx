import type { Metadata } from "next";
import { Chooser } from "@/components/choose/chooser";
import { chooseText } from "@/content/choose";

export const metadata: Metadata = { title: chooseText.title, description: chooseText.description };

export default function ChoosePage() {
  return (
    <div className="mx-auto max-w-3xl px-4 pt-6 pb-12 sm:px-6">
      <header className="mb-6">
        <h1 className="text-3xl font-bold tracking-tight text-foreground">{chooseText.title}</h1>
        <p className="mt-2 text-pretty text-muted">{chooseText.intro}</p>
      </header>
      <Chooser />
    </div>
  );
}
