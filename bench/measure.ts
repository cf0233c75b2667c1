// One benchmark target measured: the load generator's figures (load.ts) and the event loop's delay over the
// measured window (perf_hooks), since the server and the load generator share that loop.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { runLoad, type LoadOptions, type LoadResult, type LoadTarget } from './load.ts';

export interface TargetResult extends LoadResult {
  label: string;
  /** For generations: how many background jobs finished within the measured window (admitted ones may wait). */
  jobsFinished?: number;
  /** Event-loop delay over the measured window, ms. */
  loopDelayP99: number;
}

export async function measure(
  label: string,
  target: LoadTarget,
  opts: LoadOptions,
  window?: { start: () => Promise<void>; end: () => Promise<void> },
): Promise<TargetResult> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const r = await runLoad(target, {
    ...opts,
    onMeasureStart: async () => {
      await window?.start();
      delay.reset();
      delay.enable();
    },
    onMeasureEnd: async () => {
      delay.disable();
      await window?.end();
    },
  });
  return { ...r, label, loopDelayP99: delay.percentile(99) / 1e6 };
}
