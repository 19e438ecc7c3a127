import { Box, Text, useInput, type Key } from 'ink';
import { useMemo } from 'react';
import type { PendingRequest, RequestAnswer } from '../../core/live/server-requests.js';
import { KEYS } from '../key-bindings.js';
import { useKeyInbox, type KeyInbox } from '../key-inbox.js';
import { splitKeys } from '../keys.js';
import { fit, pad, wrap } from '../text.js';
import { SchemaForm } from './SchemaForm.js';

/** Props of {@link RequestPanel}. */
export interface RequestPanelProps {
  request: PendingRequest;
  width: number;
  height: number;
  onAnswer: (answer: RequestAnswer) => void;
  /** Keys typed before the panel listened. */
  inbox?: KeyInbox;
}

const REPLY_SCHEMA = {
  type: 'object',
  properties: {
    reply: {
      type: 'string',
      title: 'reply',
      description: 'The assistant message sent back to the server',
    },
  },
  required: ['reply'],
};

/**
 * A request from the server that waits for the person: an elicitation form, a URL to
 * open, or a sampling request to answer by hand. Esc declines; nothing else waits on it.
 */
export function RequestPanel({ request, width, height, onAnswer, inbox }: RequestPanelProps) {
  if (request.kind === 'elicitation')
    return (
      <SchemaForm
        key={request.id}
        title="The server asks (elicitation)"
        description={request.message}
        schema={request.schema}
        width={width}
        height={height}
        sendLabel="accept"
        cancelLabel="decline"
        onSubmit={(content) => onAnswer({ action: 'accept', content })}
        onCancel={() => onAnswer({ action: 'decline' })}
        inbox={inbox}
      />
    );
  if (request.kind === 'elicitation-url')
    return <UrlRequest {...{ request, width, onAnswer, inbox }} />;
  return <SamplingRequest {...{ request, width, height, onAnswer, inbox }} />;
}

function UrlRequest({
  request,
  width,
  onAnswer,
  inbox,
}: {
  request: Extract<PendingRequest, { kind: 'elicitation-url' }>;
  width: number;
  onAnswer: (answer: RequestAnswer) => void;
  inbox?: KeyInbox;
}) {
  const onKey = (input: string, key: Key) => {
    if (KEYS.send(input, key) || KEYS.yes(input)) onAnswer({ action: 'accept' });
    else if (KEYS.no(input, key)) onAnswer({ action: 'decline' });
  };
  useInput((input, key) => {
    for (const [text, k] of splitKeys(input, key)) onKey(text, k);
  });
  useKeyInbox(inbox, onKey, true);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold color="cyan">
        {fit('The server asks you to open a page (URL elicitation)', width)}
      </Text>
      {wrap(request.message, width, 6).map((line, index) => (
        <Text key={index}>{line}</Text>
      ))}
      <Text color="yellow">{fit(request.url, width)}</Text>
      <Text dimColor>
        {fit('Open it yourself, then: y (or Ctrl-S) done · n (or Esc) decline', width)}
      </Text>
    </Box>
  );
}

function SamplingRequest({
  request,
  width,
  height,
  onAnswer,
  inbox,
}: {
  request: Extract<PendingRequest, { kind: 'sampling' }>;
  width: number;
  height: number;
  onAnswer: (answer: RequestAnswer) => void;
  inbox?: KeyInbox;
}) {
  const lines = useMemo(() => {
    const out: { text: string; bold?: boolean; dim?: boolean }[] = [];
    out.push({ text: 'The server asks for a model reply (sampling)', bold: true });
    const about = [
      request.maxTokens !== undefined ? `max ${request.maxTokens} tokens` : '',
      request.modelHints.length > 0 ? `models: ${request.modelHints.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    if (about) out.push({ text: about, dim: true });
    if (request.systemPrompt)
      for (const line of wrap(`system: ${request.systemPrompt}`, width, 3))
        out.push({ text: line, dim: true });
    for (const message of request.messages) {
      const content = message.content as
        { type?: string; text?: string } | { type?: string; text?: string }[];
      const blocks = Array.isArray(content) ? content : [content];
      for (const block of blocks) {
        const text = block.type === 'text' ? (block.text ?? '') : `[${block.type ?? 'content'}]`;
        for (const line of wrap(`${message.role}: ${text}`, width, 6)) out.push({ text: line });
      }
    }
    return out;
  }, [request, width]);
  const shown = lines.slice(0, Math.max(2, height - 8));
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown.map((line, index) => (
        <Text
          key={index}
          bold={line.bold}
          color={line.bold ? 'cyan' : undefined}
          dimColor={line.dim}
        >
          {pad(line.text, width)}
        </Text>
      ))}
      <SchemaForm
        key={request.id}
        title="Your reply"
        schema={REPLY_SCHEMA}
        width={width}
        height={Math.max(4, height - shown.length)}
        sendLabel="reply"
        cancelLabel="decline"
        onSubmit={(value) => onAnswer({ action: 'reply', text: String(value.reply ?? '') })}
        onCancel={() => onAnswer({ action: 'decline' })}
        inbox={inbox}
      />
    </Box>
  );
}
