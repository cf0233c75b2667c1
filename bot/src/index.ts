// The Teams bot (Teams SDK v2): commands, cards and the proactive notifier. The backend's composition root
// implements BotDeps, creates the bot and mounts its Express application; the bot never touches the store.
export { createBot, type Bot, type BotHttp, type CreateBotOptions } from './app.ts';
export type {
  BotAuth,
  BotDeps,
  BotNotification,
  BotUser,
  GenerationCardRef,
  StoredConversation,
} from './deps.ts';
export { parseCommand, type Command } from './commands/parse.ts';
