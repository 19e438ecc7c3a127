import { buildField, type Field } from './model.js';
import { fieldAt } from './rows.js';

// Edits of one field, and where an array sits, with no need of the whole form state.

/** ← → on an enum, a boolean, a branch, or the cursor of a multi-select. */
export function stepOption(field: Field, step: number, required: boolean): Field {
  const cycle = (index: number, count: number) => {
    // An optional value can be unset again: its positions are -1 (unset) .. count-1.
    const low = required ? 0 : -1;
    const span = count - low;
    if (span <= 0) return index;
    return ((((index - low + step) % span) + span) % span) + low;
  };
  switch (field.kind) {
    case 'enum':
      return { ...field, index: cycle(field.index, field.schema.options!.length) };
    case 'boolean': {
      const positions: (boolean | undefined)[] = required
        ? [false, true]
        : [undefined, false, true];
      const at = positions.indexOf(field.value);
      return { ...field, value: positions[(at + step + positions.length) % positions.length] };
    }
    case 'multi': {
      const count = field.schema.options!.length;
      return {
        ...field,
        cursor: Math.min(Math.max(field.cursor + step, 0), Math.max(count - 1, 0)),
      };
    }
    case 'choice': {
      const branch = cycle(field.branch, field.schema.branches!.length);
      const branches = [...field.branches];
      if (branch >= 0)
        branches[branch] ??= buildField(field.schema.branches![branch]!.schema, undefined, true);
      return { ...field, branch, branches };
    }
    default:
      return field;
  }
}

/** Space on a boolean or on the multi-select value under the cursor. */
export function toggleField(field: Field): Field {
  if (field.kind === 'boolean') return { ...field, value: !field.value };
  if (field.kind === 'multi' && field.selected.length > 0) {
    return { ...field, selected: field.selected.map((on, i) => (i === field.cursor ? !on : on)) };
  }
  return field;
}

/** The innermost array at or above `path`, and the item of it that `path` is in. */
export function enclosingArray(
  root: Field,
  path: readonly number[],
): { array: number[]; item?: number } | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = fieldAt(root, path.slice(0, length));
    if (node?.kind === 'array') {
      return {
        array: path.slice(0, length),
        item: length < path.length ? path[length] : undefined,
      };
    }
  }
  return undefined;
}
