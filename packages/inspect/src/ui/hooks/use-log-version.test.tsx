import { Text } from 'ink';
import { describe, expect, it } from 'vitest';
import { renderInk } from '../../../../../test/support/ink.js';
import { StderrLog } from '../../core/live/stderr-log.js';
import { useLogVersion } from './use-log-version.js';

function Tail({ log }: { log: StderrLog }) {
  const version = useLogVersion(log);
  return <Text>{`${version}:${log.tail(1)}`}</Text>;
}

describe('useLogVersion', () => {
  it('re-renders on each change of the source and unsubscribes on unmount', async () => {
    const log = new StderrLog();
    const app = await renderInk(<Tail log={log} />);
    expect(app.lastFrame()).toBe('0:');
    log.append('one\n');
    await app.burst();
    expect(app.lastFrame()).toBe('1:one');
    app.unmount();
  });

  it('subscribes once, not on every render, and lets go on unmount', async () => {
    const listeners = new Set<() => void>();
    let subscriptions = 0;
    const source = {
      version: 0,
      subscribe(listener: () => void) {
        subscriptions += 1;
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    function Version() {
      return <Text>{String(useLogVersion(source))}</Text>;
    }
    const app = await renderInk(<Version />);
    for (let version = 1; version <= 3; version += 1) {
      source.version = version;
      for (const listener of listeners) listener();
      await app.burst();
    }
    expect(app.lastFrame()).toBe('3');
    expect(subscriptions).toBe(1);
    app.unmount();
    expect(listeners.size).toBe(0);
  });
});
