// Firefly v3 generate request validation, as its OpenAPI description states it: prompt 1–1024 characters,
// negativePrompt up to 1024, numVariations 1–4, a size Image 3 renders, contentClass photo|art, and seeds
// matching numVariations. Errors use Firefly's `validation_errors` items.
export interface ValidationItem {
  loc: (string | number)[];
  msg: string;
  type: string;
}

const MODEL_VERSIONS = ['image3', 'image4_standard', 'image4_ultra', 'image4_custom'];
const IMAGE3_SIZES = [
  [2048, 2048],
  [1024, 1024],
  [2304, 1792],
  [1792, 2304],
  [2688, 1536],
  [2688, 1512],
  [1344, 768],
  [1344, 756],
  [1152, 896],
  [896, 1152],
];

const bad = (field: string, msg: string, type = 'value_error'): ValidationItem => ({
  loc: ['body', field],
  msg,
  type,
});

export function validateFireflyBody(
  body: unknown,
  modelVersion: string | string[] | undefined,
): ValidationItem | undefined {
  if (modelVersion !== undefined && !MODEL_VERSIONS.includes(String(modelVersion))) {
    return {
      loc: ['header', 'x-model-version'],
      msg: `value is not a valid enumeration member; permitted: ${MODEL_VERSIONS.join(', ')}`,
      type: 'type_error.enum',
    };
  }
  if (typeof body !== 'object' || body === null) return bad('body', 'field required', 'value_error.missing');
  const b = body as Record<string, unknown>;
  if (typeof b.prompt !== 'string') return bad('prompt', 'field required', 'value_error.missing');
  if (b.prompt.length < 1 || b.prompt.length > 1024)
    return bad('prompt', 'ensure this value has between 1 and 1024 characters');
  if (
    b.negativePrompt !== undefined &&
    (typeof b.negativePrompt !== 'string' || b.negativePrompt.length > 1024)
  ) {
    return bad('negativePrompt', 'ensure this value has at most 1024 characters');
  }
  const n = b.numVariations ?? 1;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 4)
    return bad('numVariations', 'ensure this value is between 1 and 4');
  if (b.size !== undefined) {
    const size = b.size as { width?: unknown; height?: unknown };
    const ok = IMAGE3_SIZES.some(([w, h]) => size.width === w && size.height === h);
    if ((modelVersion ?? 'image3') === 'image3' && !ok)
      return bad('size', `unsupported size ${JSON.stringify(b.size)}`);
  }
  if (b.contentClass !== undefined && b.contentClass !== 'photo' && b.contentClass !== 'art') {
    return bad(
      'contentClass',
      "value is not a valid enumeration member; permitted: 'photo', 'art'",
      'type_error.enum',
    );
  }
  if (b.seeds !== undefined && (!Array.isArray(b.seeds) || b.seeds.length !== n)) {
    return bad('seeds', 'the number of seeds must equal numVariations');
  }
  return undefined;
}
