import { Icon } from "@/components/flow/icons";
import { presentCompareText } from "@/content/present";

/** "Present" on the compare page: presenter mode for the comparison, at the moment the page shows. */
export function PresentCompareLink({ href }: { href: string }) {
  return (
    <a
      href={href}
      title={presentCompareText.presentLinkHint}
      data-present-link
      className="inline-flex h-10 items-center gap-1 rounded-md px-1 text-sm font-medium text-accent underline-offset-4 hover:underline"
    >
      <Icon name="monitor" className="size-4" />
      {presentCompareText.presentLink}
    </a>
  );
}
