// Stores generated images through the blob port: as PNG with provenance embedded as XMP (generation id,
// provider, model, "AI generated" as the IPTC digital source type) and no other metadata, a SHA-256 content
// hash, and a WebP thumbnail at most 256 px on its longer side (never larger than the image). A provider's PNG
// keeps its pixels as they are (png-provenance.ts); other formats are converted.
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { BlobStore } from '../ports/blobs.ts';
import type { GeneratedImage } from '../providers/port.ts';
import type { StoredImage } from './record.ts';
import { escapeXml } from '../domain/xml.ts';
import { pngWithXmp } from './png-provenance.ts';

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
    const xmp = provenanceXmp(p);
    // A provider's PNG only needs the XMP packet added; anything else (or a PNG that is not well formed) is
    // decoded and encoded again. Either way the thumbnail below decodes the stored PNG in full, so an image
    // that does not decode is refused here.
    const direct = image.contentType === 'image/png' ? pngWithXmp(image.bytes, xmp) : null;
    const png = direct
      ? { data: direct.bytes, info: { width: direct.width, height: direct.height } }
      : await sharp(image.bytes)
          .withXmp(xmp)
          .png({ compressionLevel: 6 })
          .toBuffer({ resolveWithObject: true });
    const sha256 = createHash('sha256').update(png.data).digest('hex');
    const thumb = await sharp(png.data)
      // Never larger than the image: enlarging a small image costs several times the encode and shows nothing more.
      .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
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
