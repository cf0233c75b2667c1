// Hands image encoding (image-encoding.ts) to one worker thread, started on first use, so the event loop that
// admits generations never runs sharp. The thread holds the process open only while an image is being
// encoded; if it dies, what it was encoding fails and the next image starts a new one.
import { Worker } from 'node:worker_threads';
import type { EncodedImage } from './image-encoding.ts';

export interface EncodeRequest {
  id: number;
  bytes: Uint8Array;
  contentType: string;
  xmp: string;
}

export type EncodeReply = { id: number; image: EncodedImage } | { id: number; error: string };

const THREAD = new URL('./image-thread.ts', import.meta.url);

export class ImageEncoder {
  private worker: Worker | null = null;
  private readonly pending = new Map<
    number,
    { resolve: (i: EncodedImage) => void; reject: (e: Error) => void }
  >();
  private nextId = 1;

  encode(bytes: Uint8Array, contentType: string, xmp: string): Promise<EncodedImage> {
    const worker = this.thread();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, bytes, contentType, xmp } satisfies EncodeRequest);
    });
  }

  /** Stops the thread (what it was encoding fails). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    // Named, so that /proc and profiles (npm run profile:generation) tell it from the SQLite writer.
    const w = new Worker(THREAD, { name: 'image-thread' });
    w.unref();
    w.on('message', (msg: EncodeReply) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (this.pending.size === 0) w.unref();
      if ('error' in msg) p.reject(new Error(msg.error));
      else p.resolve(msg.image);
    });
    const gone = (err: Error) => {
      if (this.worker === w) this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    w.on('error', (err: Error) => gone(err));
    w.on('exit', () => gone(new Error('the image thread stopped')));
    this.worker = w;
    return w;
  }
}
