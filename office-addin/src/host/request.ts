// Checks an InsertRequest before any host touches the document: the rules every host shares. A failure here
// is a bug in the caller (the form should have stopped it), so it throws a plain RangeError, not an
// OfficeHostError. Do not break: a non-decorative picture never goes in without alt text.
import { altTextProblem } from './alt-text.ts';
import type { InsertRequest } from './office-host.ts';

const GENERATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function checkInsertRequest(request: InsertRequest): void {
  const problem = altTextProblem(request.altDescription, request.decorative);
  if (problem) throw new RangeError(problem);
  if (!request.decorative && !request.altTitle.trim()) throw new RangeError('alt text title is empty');
  if (!(request.widthPx > 0 && request.heightPx > 0))
    throw new RangeError(`image size must be positive, got ${request.widthPx}×${request.heightPx}`);
  if (!GENERATION_ID.test(request.generationId))
    throw new RangeError(`not a generation id: ${JSON.stringify(request.generationId)}`);
}
