/**
 * What a browser does with a form page: read the form's action, hidden fields and checkboxes, and
 * build the submission a person's clicks would produce. Only the simple HTML the mock servers
 * write needs reading, so a few patterns do, without a DOM.
 */

export interface HtmlForm {
  readonly action: string;
  readonly hidden: readonly (readonly [string, string])[];
  readonly checkboxes: readonly { readonly name: string; readonly value: string; readonly checked: boolean }[];
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? unescapeHtml(match[1]!) : undefined;
}

/** The first POST form on the page, or undefined when there is none. */
export function readForm(html: string): HtmlForm | undefined {
  const formTag = /<form\b[^>]*method="post"[^>]*>/i.exec(html)?.[0];
  const action = formTag ? attribute(formTag, "action") : undefined;
  if (!formTag || action === undefined) return undefined;
  const inputs = html.match(/<input\b[^>]*>/gi) ?? [];
  const hidden: [string, string][] = [];
  const checkboxes: { name: string; value: string; checked: boolean }[] = [];
  for (const tag of inputs) {
    const type = attribute(tag, "type");
    const name = attribute(tag, "name");
    if (!name) continue;
    if (type === "hidden") hidden.push([name, attribute(tag, "value") ?? ""]);
    if (type === "checkbox") checkboxes.push({ name, value: attribute(tag, "value") ?? "on", checked: /\schecked\b/.test(tag) });
  }
  return { action, hidden, checkboxes };
}

/** The visible text of the page's first heading, for summaries. */
export function pageHeading(html: string): string {
  const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1] ?? "";
  return unescapeHtml(heading.replace(/<[^>]+>/g, "")).trim();
}

/** The text of the page's alert, if it shows one. */
export function pageAlert(html: string): string | undefined {
  const alert = /<p[^>]*role="alert"[^>]*>([\s\S]*?)<\/p>/i.exec(html)?.[1];
  return alert === undefined ? undefined : unescapeHtml(alert.replace(/<[^>]+>/g, "")).trim();
}

/**
 * The fields a submission carries: hidden fields, the ticked checkboxes (or, when `ticked` is
 * given, exactly those of its values the page offers), what the person typed and the button pressed.
 */
export function submitForm(form: HtmlForm, typed: Record<string, string>, ticked?: readonly string[]): [string, string][] {
  const fields: [string, string][] = [...form.hidden.map(([name, value]) => [name, value] as [string, string])];
  for (const box of form.checkboxes) {
    const isTicked = ticked ? ticked.includes(box.value) : box.checked;
    if (isTicked) fields.push([box.name, box.value]);
  }
  for (const [name, value] of Object.entries(typed)) fields.push([name, value]);
  return fields;
}
