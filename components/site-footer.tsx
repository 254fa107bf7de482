import { site } from "@/content/site";

export function SiteFooter() {
  return (
    <footer className="border-t border-line">
      <div className="mx-auto flex max-w-6xl flex-col gap-1 px-4 py-6 text-sm text-muted sm:px-6">
        <p>{site.footer}</p>
        <p>
          {site.name} is open source. It teaches from RFC 6749, RFC 7636, RFC 8628 and RFC 9700.
        </p>
      </div>
    </footer>
  );
}
