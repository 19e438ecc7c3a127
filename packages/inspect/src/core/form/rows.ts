import type { Field, ObjectField } from './model.js';

/** One line of the form as laid out: a field, or the heading of a nested object. */
export interface FormRow {
  /** Address in the field tree: object field index, array item index, 0 for a choice's branch. */
  path: number[];
  /** Where its value sits in the arguments, as errors name it (`location.city`, `tags.0`). */
  dataPath: string;
  /** Nesting level, for indentation. */
  depth: number;
  /** Property name, or `#n` for an array item, or the branch label. */
  label: string;
  /** The property's title, when the schema gives one. */
  title?: string;
  /** Whether the value must be given. */
  required: boolean;
  field: Field;
  /** Takes the focus (every field but an object heading). */
  focusable: boolean;
  /** It is an item of an array (directly). */
  item: boolean;
}

const join = (base: string, key: string | number) => (base === '' ? String(key) : `${base}.${key}`);

/** Where a field sits: everything of its row but the field and whether it takes the focus. */
type Place = Omit<FormRow, 'field' | 'focusable'>;

const rowCache = new WeakMap<ObjectField, FormRow[]>();

/**
 * Lays the field tree out as rows, nested fields after their parent, depth-first. A tree is
 * never changed in place, so its rows are computed once.
 */
export function formRows(root: ObjectField): FormRow[] {
  let rows = rowCache.get(root);
  if (!rows) {
    rows = [];
    visitObjectFields(root, [], '', 0, rows);
    rowCache.set(root, rows);
  }
  return rows;
}

/** Records the rows of a tree whose layout is known (a leaf of another tree edited). */
export function rememberRows(root: ObjectField, rows: FormRow[]): void {
  rowCache.set(root, rows);
}

function visitObjectFields(
  object: ObjectField,
  path: number[],
  dataPath: string,
  depth: number,
  rows: FormRow[],
): void {
  const properties = object.schema.properties!;
  for (let index = 0; index < object.fields.length; index++) {
    const property = properties[index]!;
    const place: Place = {
      path: [...path, index],
      dataPath: join(dataPath, property.name),
      depth,
      label: property.name,
      title: property.schema.title,
      required: property.required,
      item: false,
    };
    visit(object.fields[index]!, place, rows);
  }
}

function toRow(place: Place, field: Field, focusable: boolean): FormRow {
  return {
    path: place.path,
    dataPath: place.dataPath,
    depth: place.depth,
    label: place.label,
    title: place.title,
    required: place.required,
    field,
    focusable,
    item: place.item,
  };
}

function visit(field: Field, place: Place, rows: FormRow[]): void {
  switch (field.kind) {
    case 'object':
      rows.push(toRow(place, field, false));
      visitObjectFields(field, place.path, place.dataPath, place.depth + 1, rows);
      return;
    case 'array':
      rows.push(toRow(place, field, true));
      for (let index = 0; index < field.items.length; index++) {
        const item: Place = {
          path: [...place.path, index],
          dataPath: join(place.dataPath, index),
          depth: place.depth + 1,
          label: `#${index + 1}`,
          required: true,
          item: true,
        };
        visit(field.items[index]!, item, rows);
      }
      return;
    case 'choice': {
      rows.push(toRow(place, field, true));
      const chosen = field.branch >= 0 ? field.branches[field.branch] : undefined;
      if (chosen?.kind === 'object') {
        // The choice row is the heading of an object branch: its fields follow directly.
        visitObjectFields(chosen, [...place.path, 0], place.dataPath, place.depth + 1, rows);
      } else if (chosen && chosen.kind !== 'null') {
        const branch: Place = {
          path: [...place.path, 0],
          dataPath: place.dataPath,
          depth: place.depth + 1,
          label: field.schema.branches![field.branch]!.label,
          required: true,
          item: false,
        };
        visit(chosen, branch, rows);
      }
      return;
    }
    default:
      rows.push(toRow(place, field, true));
  }
}

/** The field at `path`, or undefined. */
export function fieldAt(root: Field, path: readonly number[]): Field | undefined {
  let node: Field | undefined = root;
  for (const step of path) {
    if (!node) return undefined;
    node = child(node, step);
  }
  return node;
}

function child(field: Field, step: number): Field | undefined {
  switch (field.kind) {
    case 'object':
      return field.fields[step];
    case 'array':
      return field.items[step];
    case 'choice':
      return field.branch >= 0 ? field.branches[field.branch] : undefined;
    default:
      return undefined;
  }
}

/** A copy of the tree with the field at `path` replaced by `update(field)`. */
export function updateAt<F extends Field>(
  root: F,
  path: readonly number[],
  update: (field: Field) => Field,
): F {
  if (path.length === 0) return update(root) as F;
  const [step, ...rest] = path as [number, ...number[]];
  const replace = (node: Field) => updateAt(node, rest, update);
  switch (root.kind) {
    case 'object':
      return { ...root, fields: root.fields.map((f, i) => (i === step ? replace(f) : f)) };
    case 'array':
      return { ...root, items: root.items.map((f, i) => (i === step ? replace(f) : f)) };
    case 'choice': {
      const chosen = root.branches[root.branch];
      if (!chosen) return root;
      return {
        ...root,
        branches: root.branches.map((f, i) => (i === root.branch ? replace(chosen) : f)),
      };
    }
    default:
      return root;
  }
}
