import { compareText } from "@/content/compare";
import { flows } from "@/content/flows";
import { compareHref } from "@/machines/compare";

/** "Compare with…" on a flow page: the other flows, each opening a comparison with this one. No script needed. */
export function CompareWith({ flow, name }: { flow: string; name: string }) {
  return (
    <details className="group relative mt-1.5 w-fit text-sm" data-compare-with>
      <summary className="inline-flex cursor-pointer list-none items-center gap-1 rounded font-medium text-accent underline-offset-2 hover:underline [&::-webkit-details-marker]:hidden">
        {compareText.compareWith}
        <span aria-hidden="true" className="transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      <ul aria-label={compareText.compareWithLabel(name)} className="absolute z-40 mt-1 flex w-64 flex-col rounded-lg border border-line bg-surface-raised p-1 shadow-lg">
        {flows
          .filter((other) => other.id !== flow)
          .map((other) => (
            <li key={other.id}>
              <a href={compareHref([flow, other.id])} className="block rounded-md px-2.5 py-1.5 text-foreground hover:bg-accent-soft hover:text-accent">
                {other.name}
              </a>
            </li>
          ))}
      </ul>
    </details>
  );
}
