// Problems people can act on, in plain words. A blocked prompt names the kinds of information found, never
// the text itself (it may be someone's personal information).
import { findingTypes, type Problem } from '../problems.ts';

const FINDINGS: Record<string, string> = {
  email: 'an email address',
  au_phone: 'a phone number',
  au_tfn: 'a tax file number',
  au_abn: 'an ABN',
  au_medicare: 'a Medicare number',
  payment_card: 'a payment card number',
  blocklist: 'a blocked word or phrase',
  moderation: 'content the moderation service does not allow',
};

export function findingNames(types: string[]): string {
  const names = types.map((t) => FINDINGS[t] ?? t.replace(/[^a-z0-9]+/gi, ' '));
  return names.length <= 1
    ? (names[0] ?? 'restricted content')
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export interface Explanation {
  title: string;
  text: string;
}

/** A problem from the backend, or a generation's error code, as a title and a sentence. */
export function explain(code: string, detail?: string, findings: string[] = []): Explanation {
  switch (code) {
    case 'budget-exceeded':
      return {
        title: "Over your department's budget",
        text: `Your department has reached its spending limit for this period, so no image was made. ${detail ?? ''}`.trim(),
      };
    case 'prompt-blocked':
      return {
        title: 'Prompt blocked',
        text: `Your prompt contains ${findingNames(findings)}. Remove it and try again.`,
      };
    case 'no-provider-available':
    case 'service-unavailable':
      return {
        title: 'The image service is unavailable',
        text: 'No image provider could take the request right now. Nothing was charged; please try again in a few minutes.',
      };
    case 'rate-limited':
      return {
        title: 'Slow down a little',
        text: 'You have made a lot of requests in the last minute. Try again shortly.',
      };
    case 'no-department':
      return {
        title: 'No department yet',
        text: 'You are not in a department, so there is no budget to charge. Ask an administrator to add you to one.',
      };
    case 'validation-failed':
      return { title: "That request isn't valid", text: detail ?? 'Check the options and try again.' };
    case 'not-found':
      return { title: 'Not found', text: 'That image no longer exists, or you cannot see it.' };
    case 'forbidden':
      return { title: 'Not allowed', text: detail ?? 'You are not allowed to do that.' };
    default:
      return {
        title: 'Something went wrong',
        text: 'The image could not be made. Nothing was charged; please try again.',
      };
  }
}

export function explainProblem(p: Problem): Explanation {
  return explain(p.code, p.detail, findingTypes(p));
}
