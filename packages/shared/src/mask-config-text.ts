import { parseTree } from 'jsonc-parser';
import type { Edit, Node } from 'jsonc-parser';
import { maskArg, maskUrl, maskValue, SECRET_MAPS, URL_KEY } from './mask.js';

/**
 * Masks the secrets (as {@link maskSecrets} does) inside a config text, in place: only the
 * secret string literals change, so lines and layout stay as they were — diffs of masked
 * texts line up with diffs of the real ones. Text that does not parse is returned as is.
 */
export function maskConfigText(text: string): string {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!root) return text;
  const edits: Edit[] = [];
  const replace = (node: Node, masked: string) => {
    if (masked !== node.value) {
      edits.push({ offset: node.offset, length: node.length, content: JSON.stringify(masked) });
    }
  };
  const visit = (node: Node, key: string | undefined) => {
    if (node.type === 'object' && key !== undefined && SECRET_MAPS.has(key)) {
      for (const prop of node.children ?? []) {
        const value = prop.children?.[1];
        if (value?.type === 'string') replace(value, maskValue(value.value as string));
        else if (value) visit(value, undefined);
      }
      return;
    }
    if (node.type === 'array' && key === 'args') {
      const items = node.children ?? [];
      items.forEach((item, i) => {
        const before = items[i - 1];
        if (item.type !== 'string') return visit(item, undefined);
        const previous = before?.type === 'string' ? (before.value as string) : undefined;
        replace(item, maskArg(item.value as string, previous));
      });
      return;
    }
    if (node.type === 'string' && key !== undefined && URL_KEY.test(key))
      return replace(node, maskUrl(node.value as string));
    for (const child of node.children ?? []) {
      if (child.type === 'property') {
        const [name, value] = child.children ?? [];
        if (value) visit(value, name?.value as string);
      } else {
        visit(child, undefined);
      }
    }
  };
  visit(root, undefined);
  return applySortedEdits(text, edits);
}

/**
 * Applies edits given in document order, without overlaps, in one pass. jsonc-parser's
 * applyEdits copies the whole text once per edit, which takes minutes on a config of a few
 * megabytes with thousands of secrets.
 */
function applySortedEdits(text: string, edits: readonly Edit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const edit of edits) {
    parts.push(text.slice(at, edit.offset), edit.content);
    at = edit.offset + edit.length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
