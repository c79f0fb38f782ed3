import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * A progress bar on a terminal; on a pipe or in CI (no TTY), where a redrawn
 * bar turns into garbage, a plain line every few seconds instead.
 */
export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`, hideCursor: true, fps: 5 },
      cliProgress.Presets.shades_classic,
    );
    const started = performance.now();
    let running = false;
    return {
      update(done, total) {
        const rate = Math.round(done / Math.max(0.001, (performance.now() - started) / 1000));
        if (!running) {
          bar.start(total, done, { rate });
          running = true;
        } else bar.update(done, { rate });
      },
      stop: () => bar.stop(),
    };
  }

  const started = performance.now();
  let lastPrinted = 0;
  return {
    update(done, total) {
      const elapsed = performance.now() - started;
      if (done < total && done !== 0 && elapsed - lastPrinted < 5000) return;
      lastPrinted = elapsed;
      const rate = Math.round(done / Math.max(0.001, elapsed / 1000));
      const percent = total === 0 ? 100 : Math.floor((100 * done) / total);
      stream.write(`${label}: ${done}/${total} (${percent}%), ${rate}/s, ${(elapsed / 1000).toFixed(1)} s\n`);
    },
    stop() {},
  };
}
