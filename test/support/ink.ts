import { render } from 'ink-testing-library';
import { act, type ReactElement } from 'react';

// React runs the renders and effects an act() scope caused before the scope resolves, so
// a key is typed only once the previous one was handled and whatever it brought up
// (a new question, its input handler) is listening.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** An Ink element rendered for a test, mounted and listening for input. */
export interface InkApp extends ReturnType<typeof render> {
  /** Types `keys` one after another, each once the previous one is handled. */
  type: (...keys: string[]) => Promise<void>;
  /** Types `keys` in one burst, as a paste or a fast typist sends them, then lets it settle. */
  burst: (...keys: string[]) => Promise<void>;
}

/** Renders `element` with ink-testing-library once its effects (input handlers) ran. */
export async function renderInk(element: ReactElement): Promise<InkApp> {
  let app: ReturnType<typeof render> | undefined;
  await act(async () => {
    app = render(element);
  });
  const mounted = app!;
  const burst = (...keys: string[]) =>
    act(async () => {
      for (const key of keys) mounted.stdin.write(key);
    });
  return {
    ...mounted,
    burst,
    type: async (...keys) => {
      for (const key of keys) await burst(key);
    },
  };
}
