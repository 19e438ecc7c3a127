import { useEffect, useState } from 'react';

/** A number that goes up every `intervalMs` while `running` (spinners, elapsed time). */
export function useTicker(running: boolean, intervalMs = 100): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setTick((value) => value + 1), intervalMs);
    return () => clearInterval(timer);
  }, [running, intervalMs]);
  return tick;
}
