import type { ObjectField } from './model.js';
import type { RawText } from './raw-text.js';

/** Everything a form holds; changed only by `formReducer`. */
export interface FormState {
  /** The schema as the server sent it (the final check runs against it). */
  schema: object;
  /** The field tree. */
  root: ObjectField;
  /** Index of the focused row among the focusable rows. */
  focus: number;
  /** Fields, or the whole value as raw JSON text. */
  mode: 'form' | 'raw';
  /** The raw JSON text and its cursor (meaningful in raw mode). */
  raw: RawText;
  /** Why raw mode could not go back to the form, or why its text cannot be sent. */
  rawError?: string;
  /** Errors of the last send, by data path ('' for the whole form). */
  errors: Record<string, string>;
  /** Set by a send that succeeded: a new object each time, so a send is seen once. */
  submission?: { value: Record<string, unknown> };
}
