// Input schemas of the two Replicate models the fake serves (from their published OpenAPI input schemas),
// reduced to the checks that matter: types, ranges and enums. Unknown fields are ignored, as Replicate does.
export interface InvalidField {
  type: string;
  field: string;
  description: string;
}

type Rule = (value: unknown) => InvalidField['type'] | undefined;

const string: Rule = (v) => (typeof v === 'string' ? undefined : 'string_type');
const int =
  (min: number, max: number): Rule =>
  (v) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) return 'int_type';
    if (v < min) return 'greater_than_equal';
    if (v > max) return 'less_than_equal';
    return undefined;
  };
const oneOf =
  (values: readonly unknown[]): Rule =>
  (v) =>
    values.includes(v) ? undefined : 'enum';

const DESCRIPTIONS: Record<string, string> = {
  string_type: 'Invalid type. Expected: string',
  int_type: 'Invalid type. Expected: integer',
  greater_than_equal: 'Must be greater than or equal to the minimum',
  less_than_equal: 'Must be less than or equal to the maximum',
  enum: 'Must be one of the allowed values',
  required: 'Field is required',
};

function validate(input: unknown, rules: Record<string, Rule>, required: string[]): InvalidField | undefined {
  if (typeof input !== 'object' || input === null) {
    return { type: 'object_type', field: 'input', description: 'Invalid type. Expected: object' };
  }
  const fields = input as Record<string, unknown>;
  for (const name of required) {
    if (!(name in fields))
      return { type: 'required', field: `input.${name}`, description: DESCRIPTIONS.required! };
  }
  for (const [name, rule] of Object.entries(rules)) {
    if (!(name in fields)) continue;
    const type = rule(fields[name]);
    if (type) return { type, field: `input.${name}`, description: DESCRIPTIONS[type] ?? type };
  }
  return undefined;
}

export function validateSdxlInput(input: unknown): InvalidField | undefined {
  return validate(
    input,
    {
      prompt: string,
      negative_prompt: string,
      width: int(128, 2048),
      height: int(128, 2048),
      num_outputs: int(1, 4),
      num_inference_steps: int(1, 500),
      refine: oneOf(['no_refiner', 'expert_ensemble_refiner', 'base_image_refiner']),
      seed: int(0, 2 ** 32),
    },
    ['prompt'],
  );
}

export function validateFluxInput(input: unknown): InvalidField | undefined {
  return validate(
    input,
    {
      prompt: string,
      aspect_ratio: oneOf(['1:1', '16:9', '21:9', '3:2', '2:3', '4:5', '5:4', '3:4', '4:3', '9:16', '9:21']),
      num_outputs: int(1, 4),
      num_inference_steps: int(1, 4),
      output_format: oneOf(['webp', 'jpg', 'png']),
      output_quality: int(0, 100),
      megapixels: oneOf(['1', '0.25']),
      seed: int(0, 2 ** 32),
    },
    ['prompt'],
  );
}
