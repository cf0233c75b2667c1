// Stores generated images through the blob port: as PNG with provenance embedded as XMP (generation id,
// provider, model, "AI generated" as the IPTC digital source type) and no other metadata, a SHA-256 content
// hash, and a WebP thumbnail at most 256 px on its longer side (never larger than the image). A provider's PNG
// keeps its pixels as they are (png-provenance.ts); other formats are converted. The encoding runs on the
// image thread (image-encoder.ts).
import type { BlobStore } from '../ports/blobs.ts';
import type { GeneratedImage } from '../providers/port.ts';
import type { StoredImage } from './record.ts';
import { escapeXml } from '../domain/xml.ts';
import { ImageEncoder } from './image-encoder.ts';

export { THUMBNAIL_PX } from './image-encoding.ts';

function provenanceXmp(p: {
  generationId: string;
  provider: string;
  model: string;
  createdAt: string;
}): string {
  const e = (s: string) => escapeXml(s);
  return `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:donatello="https://donatello.ai/ns/provenance/1.0/"
 Iptc4xmpExt:DigitalSourceType="http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
 xmp:CreatorTool="DonatelloAI"
 xmp:CreateDate="${e(p.createdAt)}"
 donatello:GenerationId="${e(p.generationId)}"
 donatello:Provider="${e(p.provider)}"
 donatello:Model="${e(p.model)}"
 donatello:AiGenerated="true"/>
</rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`;
}

export class ImageStore {
  private readonly blobs: BlobStore;
  private readonly encoder: ImageEncoder;
  constructor(blobs: BlobStore, encoder: ImageEncoder = new ImageEncoder()) {
    this.blobs = blobs;
    this.encoder = encoder;
  }

  static keys(tenantId: string, generationId: string, index: number) {
    const base = `images/${tenantId}/${generationId}/${index}`;
    return { key: `${base}.png`, thumbKey: `${base}.thumb.webp` };
  }

  async save(
    p: { tenantId: string; generationId: string; provider: string; model: string; createdAt: string },
    index: number,
    image: GeneratedImage,
  ): Promise<StoredImage> {
    const { key, thumbKey } = ImageStore.keys(p.tenantId, p.generationId, index);
    const { png, thumb, width, height, sha256 } = await this.encoder.encode(
      image.bytes,
      image.contentType,
      provenanceXmp(p),
    );
    const metadata = {
      generationid: p.generationId,
      provider: p.provider,
      model: p.model,
      aigenerated: 'true',
      sha256,
    };
    await this.blobs.put(key, png, { contentType: 'image/png', metadata });
    await this.blobs.put(thumbKey, thumb, { contentType: 'image/webp', metadata });
    return {
      index,
      key,
      thumbKey,
      width,
      height,
      contentType: 'image/png',
      sha256,
    };
  }

  get(key: string) {
    return this.blobs.get(key);
  }
}
