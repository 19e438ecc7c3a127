import { useMemo } from 'react';
import type { LiveSession } from '../../core/live/live-session.js';
import type { Operation } from '../../core/live/operations.js';
import type { ListKind } from '../../core/lists.js';
import {
  expandUriTemplate,
  promptArgumentsSchema,
  templateVariablesSchema,
} from '../../core/form/synthesize.js';
import type { KeyInbox } from '../key-inbox.js';
import { SchemaForm } from './SchemaForm.js';
import { itemKey, type ListItem } from './list-items.js';

/** Props of {@link ItemForm}. */
export interface ItemFormProps {
  kind: ListKind;
  item: ListItem;
  /** Values to start from (edit-and-run from the history); else the last ones used. */
  initial?: Record<string, unknown>;
  session: LiveSession;
  width: number;
  height: number;
  isActive: boolean;
  /** Keys typed before the form listened. */
  inbox?: KeyInbox;
  onClose: () => void;
  onRun: (operation: Operation) => void;
}

const HISTORY_KIND = {
  tools: 'tool',
  prompts: 'prompt',
  templates: 'template',
  resources: 'resource',
} as const;

/** The form of a tool's arguments, a prompt's arguments or a template's variables. */
export function ItemForm({
  kind,
  item,
  initial,
  session,
  width,
  height,
  isActive,
  inbox,
  onClose,
  onRun,
}: ItemFormProps) {
  const name = itemKey(item);
  const schema = useMemo(() => {
    if (kind === 'tools') return (item.inputSchema as object | undefined) ?? { type: 'object' };
    if (kind === 'prompts')
      return promptArgumentsSchema(
        (item.arguments as
          { name: string; description?: string; required?: boolean }[] | undefined) ?? [],
      );
    return templateVariablesSchema(item.uriTemplate ?? '');
  }, [kind, item]);
  const start = initial ?? session.history?.lastArguments(HISTORY_KIND[kind], name);
  const complete =
    kind === 'prompts'
      ? (argument: string, value: string, context: Record<string, string>) =>
          session.complete({ type: 'ref/prompt', name: item.name }, argument, value, context)
      : kind === 'templates'
        ? (argument: string, value: string, context: Record<string, string>) =>
            session.complete(
              { type: 'ref/resource', uri: item.uriTemplate ?? '' },
              argument,
              value,
              context,
            )
        : undefined;
  return (
    <SchemaForm
      key={name}
      title={item.title ? `${item.name} — ${item.title}` : item.name}
      description={item.description}
      schema={schema}
      initial={start}
      width={width}
      height={height}
      sendLabel={kind === 'tools' ? 'call' : kind === 'prompts' ? 'get' : 'read'}
      cancelLabel="close"
      complete={complete}
      isActive={isActive}
      inbox={inbox}
      onCancel={onClose}
      onSubmit={(value) => {
        onClose();
        if (kind === 'tools') onRun({ kind: 'tool', name: item.name, arguments: value });
        else if (kind === 'prompts')
          onRun({ kind: 'prompt', name: item.name, arguments: asStrings(value) });
        else {
          const args = asStrings(value);
          onRun({ kind: 'template', name, arguments: args, uri: expandUriTemplate(name, args) });
        }
      }}
    />
  );
}

function asStrings(value: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
}
