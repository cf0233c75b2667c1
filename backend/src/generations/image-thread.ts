// The image thread's entry point: encodes what image-encoder.ts sends and answers with the result or the
// error message. One image at a time per message; sharp itself uses its own threads.
import { parentPort } from 'node:worker_threads';
import { encodeImage } from './image-encoding.ts';
import type { EncodeRequest, EncodeReply } from './image-encoder.ts';

const port = parentPort;
if (!port) throw new Error('image-thread.ts runs as a worker thread');
port.on('message', (msg: EncodeRequest) => {
  encodeImage(msg.bytes, msg.contentType, msg.xmp).then(
    (image) => port.postMessage({ id: msg.id, image } satisfies EncodeReply),
    (err: unknown) =>
      port.postMessage({
        id: msg.id,
        error: err instanceof Error ? err.message : String(err),
      } satisfies EncodeReply),
  );
});
