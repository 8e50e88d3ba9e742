import type { Logger } from './logger';

/**
 * Times the start-up phases and logs each as it ends, so a slow start shows where the time went.
 * `modules` is the time from process start to the first phase (Node, tsx and the imports).
 */
export function startupTimer(logger: Logger, now: () => number = () => performance.now()) {
  const phases: Record<string, number> = { modules: Math.round(now()) };
  logger.info('startup phase', { phase: 'modules', ms: phases.modules });
  return {
    phases,
    async phase<T>(name: string, run: () => Promise<T>, fields: Record<string, unknown> = {}): Promise<T> {
      const started = now();
      const out = await run();
      phases[name] = Math.round(now() - started);
      logger.info('startup phase', { phase: name, ms: phases[name], ...fields });
      return out;
    },
    /** Milliseconds since the process started. */
    total: () => Math.round(now()),
  };
}
