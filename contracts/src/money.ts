import { z } from 'zod';

/**
 * Money crosses the API as a decimal string in Australian dollars with up to 4 decimal places ("5", "0.08",
 * "12.5000"). The API always answers with exactly 4 places. No floating point touches money.
 */
export const AudAmount = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,4})?$/, 'an amount in AUD as a decimal string with at most 4 decimal places');
export type AudAmount = z.infer<typeof AudAmount>;

/** What the API answers: AUD with exactly 4 decimal places ("5.0000"). */
export const AudValue = z
  .string()
  .regex(/^\d{1,9}\.\d{4}$/)
  .meta({
    id: 'AudValue',
    description: 'AUD as a decimal string with exactly 4 places',
    examples: ['5.0000'],
  });
