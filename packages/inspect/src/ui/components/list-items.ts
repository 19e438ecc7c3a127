/** A tool, resource, template or prompt as listed (only what the list needs is typed). */
export interface ListItem {
  name: string;
  title?: string;
  uri?: string;
  uriTemplate?: string;
  description?: string;
  [key: string]: unknown;
}

/** What identifies an item within its list. */
export function itemKey(item: ListItem): string {
  return item.uri ?? item.uriTemplate ?? item.name;
}

/** What a list shows of an item, and what the filter matches. */
export function itemLabel(item: ListItem): string {
  return item.name;
}
