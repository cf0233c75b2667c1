import { AppError } from '../domain/errors.ts';

export class UnsupportedMediaType extends AppError {
  constructor() {
    super('unsupported-media-type', 415, 'Unsupported media type', 'Send the body as application/json');
  }
}
