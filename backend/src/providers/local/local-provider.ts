// The offline provider: draws a deterministic picture from the prompt with sharp. The default in development
// and tests, and the first provider a new user sees. `fast` mode returns one cached small image, for
// benchmarks that measure the pipeline rather than the drawing.
import sharp from 'sharp';
import type { GenerateInput, GenerateResult, ImageProvider, ModelInfo } from '../port.ts';
import { IMAGE_SIZES, ProviderError } from '../port.ts';
import { LOCAL_STYLES } from './palettes.ts';
import { renderScene } from './scene.ts';

export const LOCAL_MODEL: ModelInfo = {
  id: 'local-scene',
  provider: 'local',
  displayName: 'DonatelloAI Local (offline)',
  sizes: [...IMAGE_SIZES],
  qualities: ['standard', 'hd'],
  maxImages: 4,
  // DESIGN §7: priced like SDXL so budgets behave in development.
  priceMicros: { standard: 20_000, hd: 40_000 },
  // Runs inside our own deployment: nothing leaves it.
  region: 'australia',
  commercialSafe: true,
  styles: [...LOCAL_STYLES],
};

export interface LocalProviderOptions {
  fast?: boolean;
}

export class LocalProvider implements ImageProvider {
  readonly id = 'local' as const;
  private readonly fast: boolean;
  private fastImage: Promise<Buffer> | null = null;

  constructor(opts: LocalProviderOptions = {}) {
    this.fast = opts.fast ?? false;
  }

  models(): ModelInfo[] {
    return [LOCAL_MODEL];
  }

  async generate(input: GenerateInput, signal: AbortSignal): Promise<GenerateResult> {
    if (input.model !== LOCAL_MODEL.id)
      throw new ProviderError('local', 'bad_request', `unknown model ${input.model}`);
    const images = [];
    for (let i = 0; i < input.n; i++) {
      if (signal.aborted) throw new ProviderError('local', 'timeout', 'generation was cancelled');
      const bytes = this.fast ? await this.cachedSmall() : await this.draw(input, i);
      images.push({ bytes, contentType: 'image/png' as const });
    }
    return { images };
  }

  private async draw(input: GenerateInput, index: number): Promise<Buffer> {
    const [width, height] = input.size.split('x').map(Number) as [number, number];
    const svg = renderScene({
      prompt: input.prompt,
      width,
      height,
      seed: (input.seed ?? 0) + index,
      detailed: input.quality === 'hd',
    });
    let img = sharp(Buffer.from(svg));
    if (input.style === 'noir') img = img.grayscale();
    if (input.style === 'pastel') img = img.modulate({ saturation: 0.55, brightness: 1.1 });
    return img.png({ compressionLevel: 6 }).toBuffer();
  }

  private cachedSmall(): Promise<Buffer> {
    this.fastImage ??= sharp(
      Buffer.from(renderScene({ prompt: 'fast', width: 64, height: 64, seed: 0, detailed: false })),
    )
      .png()
      .toBuffer();
    return this.fastImage;
  }
}
