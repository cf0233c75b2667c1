import type { z } from 'zod';
import { ValidationError } from '../domain/errors.ts';

/** Parses input with a contract schema; a failure is a 400 validation-failed naming each field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  throw new ValidationError(
    `Invalid ${where}: ${errors.map((e) => `${e.path} (${e.message})`).join('; ')}`,
    errors,
  );
}
