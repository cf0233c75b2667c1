// Stores generated images through the blob port: normalised to PNG with provenance embedded as XMP
// (generation id, provider, model, "AI generated" as the IPTC digital source type), a SHA-256 content hash,
// and a 256 px WebP thumbnail.
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { BlobStore } from '../ports/blobs.ts';
import type { GeneratedImage } from '../providers/port.ts';
import type { StoredImage } from './record.ts';
import { escapeXml } from '../domain/xml.ts';

export const THUMBNAIL_PX = 256;

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
  constructor(blobs: BlobStore) {
    this.blobs = blobs;
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
    const png = await sharp(image.bytes).withXmp(provenanceXmp(p)).png({ compressionLevel: 6 }).toBuffer({
      resolveWithObject: true,
    });
    const sha256 = createHash('sha256').update(png.data).digest('hex');
    const thumb = await sharp(png.data)
      .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside' })
      .webp({ quality: 78 })
      .toBuffer();
    const metadata = {
      generationid: p.generationId,
      provider: p.provider,
      model: p.model,
      aigenerated: 'true',
      sha256,
    };
    await this.blobs.put(key, png.data, { contentType: 'image/png', metadata });
    await this.blobs.put(thumbKey, thumb, { contentType: 'image/webp', metadata });
    return {
      index,
      key,
      thumbKey,
      width: png.info.width,
      height: png.info.height,
      contentType: 'image/png',
      sha256,
    };
  }

  get(key: string) {
    return this.blobs.get(key);
  }
}
