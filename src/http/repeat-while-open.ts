import type { FastifyInstance } from 'fastify';

/**
 * Runs `task` once the server is ready and every `everyMs` after, until it closes. The timer does
 * not hold the process open; a failed run is the task's to log (it runs again at the next tick).
 */
export function repeatWhileOpen(app: FastifyInstance, everyMs: number, task: () => Promise<void>): void {
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    void task();
    timer = setInterval(() => void task(), everyMs);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
