// The images/generations contract shared by the OpenAI and Azure OpenAI fakes: field validation per model
// (as the live APIs document it), the success body, and the safety-refusal bodies.
import { isDeepStrictEqual } from 'node:util';

type Json = Record<string, unknown>;
export interface FieldError {
  param: string;
  message: string;
  code: string | null;
}

const DALLE3_SIZES = ['1024x1024', '1792x1024', '1024x1792'];
const GPT_IMAGE_SIZES = ['1024x1024', '1536x1024', '1024x1536', 'auto'];
const GPT_IMAGE_QUALITIES = ['low', 'medium', 'high', 'auto'];

const str = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function isJson(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Mirrors the API's 400 answers for bad fields; `model` is the deployment's model on Azure. */
export function validateImageRequest(model: string, body: unknown): FieldError | undefined {
  if (!isJson(body))
    return { param: '', message: 'We could not parse the JSON body of your request.', code: null };
  const { prompt, n = 1, size, quality, style, response_format: format } = body;
  if (typeof prompt !== 'string' || prompt.length === 0) {
    return {
      param: 'prompt',
      message: "Missing required parameter: 'prompt'.",
      code: 'missing_required_parameter',
    };
  }
  if (model === 'dall-e-3') {
    if (n !== 1) return { param: 'n', message: 'You must provide n=1 for this model.', code: null };
    if (size !== undefined && !DALLE3_SIZES.includes(size as string)) {
      return {
        param: 'size',
        message: `'${str(size)}' is not one of ${JSON.stringify(DALLE3_SIZES)} - 'size'`,
        code: null,
      };
    }
    if (quality !== undefined && quality !== 'standard' && quality !== 'hd') {
      return {
        param: 'quality',
        message: `Invalid value: '${str(quality)}'. Supported values are: 'standard' and 'hd'.`,
        code: 'invalid_value',
      };
    }
    if (style !== undefined && style !== 'vivid' && style !== 'natural') {
      return {
        param: 'style',
        message: `'${str(style)}' is not one of ['vivid', 'natural'] - 'style'`,
        code: null,
      };
    }
    if (format !== undefined && format !== 'url' && format !== 'b64_json') {
      return {
        param: 'response_format',
        message: `'${str(format)}' is not one of ['url', 'b64_json']`,
        code: null,
      };
    }
    return undefined;
  }
  if (model === 'gpt-image-1') {
    if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > 10) {
      return { param: 'n', message: 'n must be between 1 and 10.', code: 'invalid_value' };
    }
    if (size !== undefined && !GPT_IMAGE_SIZES.includes(size as string)) {
      return {
        param: 'size',
        message: `Invalid value: '${str(size)}'. Supported values are: ${GPT_IMAGE_SIZES.join(', ')}.`,
        code: 'invalid_value',
      };
    }
    if (quality !== undefined && !GPT_IMAGE_QUALITIES.includes(quality as string)) {
      return {
        param: 'quality',
        message: `Invalid value: '${str(quality)}'. Supported values are: ${GPT_IMAGE_QUALITIES.join(', ')}.`,
        code: 'invalid_value',
      };
    }
    for (const unknown of ['response_format', 'style']) {
      if (unknown in body)
        return { param: unknown, message: `Unknown parameter: '${unknown}'.`, code: 'unknown_parameter' };
    }
    return undefined;
  }
  return { param: 'model', message: `The model '${model}' does not exist.`, code: 'model_not_found' };
}

/** A successful answer: base64 PNGs (or URLs when asked for, or a foreign URL in `bad_host` mode). */
export function successBody(model: string, body: Json, pngs: Buffer[], urlFor?: (i: number) => string): Json {
  const n = typeof body.n === 'number' ? body.n : 1;
  const data = Array.from({ length: n }, (_, i) => {
    const png = pngs[i % pngs.length]!;
    if (urlFor) return { url: urlFor(i) };
    if (model === 'dall-e-3') {
      return {
        b64_json: png.toString('base64'),
        revised_prompt: `A detailed rendering of: ${String(body.prompt)}`,
      };
    }
    return { b64_json: png.toString('base64') };
  });
  const created = Math.floor(Date.now() / 1000);
  if (model === 'gpt-image-1') {
    return {
      created,
      background: 'opaque',
      data,
      output_format: 'png',
      quality: body.quality ?? 'medium',
      size: body.size ?? '1024x1024',
      usage: {
        input_tokens: 12,
        output_tokens: 4160,
        total_tokens: 4172,
        input_tokens_details: { text_tokens: 12, image_tokens: 0 },
      },
    };
  }
  return { created, data };
}

export function openAIError(message: string, type: string, param: string | null, code: string | null): Json {
  return { error: { message, type, param, code } };
}

/** OpenAI's refusal: DALL-E 3 says content_policy_violation, GPT Image says moderation_blocked. */
export function openAIContentPolicy(model: string): Json {
  return model === 'gpt-image-1'
    ? openAIError(
        'Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID req_fake.',
        'image_generation_user_error',
        null,
        'moderation_blocked',
      )
    : openAIError(
        'Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.',
        'invalid_request_error',
        null,
        'content_policy_violation',
      );
}

/** Azure's refusal: content_policy_violation with the Responsible AI inner error and the filter results. */
export function azureContentPolicy(): Json {
  return {
    error: {
      code: 'content_policy_violation',
      inner_error: {
        code: 'ResponsibleAIPolicyViolation',
        content_filter_results: {
          hate: { filtered: false, severity: 'safe' },
          self_harm: { filtered: false, severity: 'safe' },
          sexual: { filtered: false, severity: 'safe' },
          violence: { filtered: true, severity: 'high' },
        },
      },
      message:
        'Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.',
    },
  };
}

export function sameJson(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a, b);
}
