// Test helper: parses a card with the adaptivecards SDK and returns every warning and error it reports.
// The SDK's ES build uses extensionless imports that Node cannot load, so its UMD bundle is required instead.
import { createRequire } from 'node:module';
import type * as AC from 'adaptivecards';

const require = createRequire(import.meta.url);
const sdk = require('adaptivecards/dist/adaptivecards.js') as typeof AC;

export interface CardCheck {
  events: string[];
  /** The parsed card serialised again: what a renderer would see. */
  json: Record<string, unknown>;
}

export function checkCard(json: unknown): CardCheck {
  const card = new sdk.AdaptiveCard();
  const context = new sdk.SerializationContext();
  card.parse(json, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    events.push(`${e.phase}/${e.event}: ${e.message}`);
  }
  // Parsing does not check required properties (an Image without a url); validation does.
  for (const e of card.validateProperties().validationEvents)
    events.push(`validate/${e.event}: ${e.message}`);
  return { events, json: card.toJSON() as Record<string, unknown> };
}

/** Every text on the card, for assertions about what a person reads. */
export function cardText(json: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const key of ['text', 'title', 'value', 'altText'])
        if (typeof o[key] === 'string') out.push(o[key]);
      Object.values(o).forEach(walk);
    }
  };
  walk(json);
  return out.join('\n');
}
