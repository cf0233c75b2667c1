// What every handler shares: the backend (BotDeps), a logger and the background tasks.
import type { Logger } from 'pino';
import type { BotDeps } from '../deps.ts';
import type { BackgroundTasks } from '../tasks.ts';

export interface BotContext {
  deps: BotDeps;
  log: Logger;
  tasks: BackgroundTasks;
  /** How long the bot waits for a generation before its card says "still working". */
  followMs: number;
}
