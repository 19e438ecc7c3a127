import { isAbsolute, resolve } from 'node:path';
import type { KeyInbox } from '../key-inbox.js';
import { SchemaForm } from './SchemaForm.js';

/** Props of {@link RootsEditor}. */
export interface RootsEditorProps {
  roots: readonly string[];
  width: number;
  height: number;
  /** Base of relative paths typed in. */
  cwd?: string;
  onSave: (roots: string[]) => void;
  onCancel: () => void;
  /** Keys typed before the form listened. */
  inbox?: KeyInbox;
}

const SCHEMA = {
  type: 'object',
  properties: {
    roots: {
      type: 'array',
      title: 'roots',
      description: 'Folders the server may work in (sent as file:// URIs when it asks)',
      items: { type: 'string', description: 'an absolute path' },
    },
  },
};

/** The roots offered to the server, as an editable list of folders. */
export function RootsEditor({
  roots,
  width,
  height,
  cwd = process.cwd(),
  onSave,
  onCancel,
  inbox,
}: RootsEditorProps) {
  return (
    <SchemaForm
      title="Roots"
      description="What the server gets when it asks for roots/list; it is told when they change."
      schema={SCHEMA}
      initial={{ roots: [...roots] }}
      width={width}
      height={height}
      sendLabel="save"
      cancelLabel="close"
      onCancel={onCancel}
      inbox={inbox}
      onSubmit={(value) => {
        const list = Array.isArray(value.roots) ? (value.roots as unknown[]) : [];
        onSave(
          list
            .filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '')
            .map((entry) => (isAbsolute(entry) ? entry : resolve(cwd, entry))),
        );
      }}
    />
  );
}
