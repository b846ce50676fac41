/**
 * OCR with tesseract.js (WebAssembly, in a worker thread). The English LSTM model is read from
 * the @tesseract.js-data/eng package on disk and never cached to disk or fetched: nothing is
 * downloaded at run time. One worker is kept warm between documents; a recognition that runs
 * past its time limit terminates the worker (the next call starts a fresh one).
 */
import path from 'node:path';
import type Tesseract from 'tesseract.js';
import { importModule, packageDirectory } from './runtime-modules.js';

export interface OcrText {
  text: string;
  /** Tesseract's mean word confidence, 0–100. */
  confidence: number;
}

export interface OcrEngine {
  /** An encoded image (PNG, JPEG, TIFF, PNM); null when it could not be read in time. */
  recognize(image: Uint8Array, options?: { dpi?: number }): Promise<OcrText | null>;
  close(): Promise<void>;
}

type TesseractModule = typeof Tesseract;
const LSTM_ONLY = 1;

export class TesseractOcr implements OcrEngine {
  private worker: Promise<Tesseract.Worker> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly timeoutMs = 20_000) {}

  /**
   * One recognition at a time, each timed from its own start: documents checked at once in one
   * process (the local runtime runs concurrent invocations in one worker) wait their turn instead
   * of spending their time limit queued in the worker, or being terminated with another's.
   */
  recognize(image: Uint8Array, options: { dpi?: number } = {}): Promise<OcrText | null> {
    const turn = this.queue.then(() => this.recognizeNow(image, options));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async recognizeNow(image: Uint8Array, { dpi }: { dpi?: number }): Promise<OcrText | null> {
    const worker = await this.ensureWorker();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
    });
    try {
      // 0 lets Tesseract take the resolution from the image header.
      await worker.setParameters({ user_defined_dpi: String(Math.round(dpi ?? 0)) });
      const recognition = worker.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
      recognition.catch(() => undefined); // it rejects when a timeout terminates the worker
      const result = await Promise.race([recognition, timeout]);
      if (result === 'timeout') {
        await this.close();
        return null;
      }
      return { text: result.data.text, confidence: result.data.confidence };
    } catch {
      // Leptonica refuses what it cannot decode; the worker is left in an unknown state.
      await this.close();
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await (await worker.catch(() => null))?.terminate().catch(() => undefined);
  }

  private ensureWorker(): Promise<Tesseract.Worker> {
    this.worker ??= createWorker().catch((error: unknown) => {
      this.worker = null;
      throw error;
    });
    return this.worker;
  }
}

async function createWorker(): Promise<Tesseract.Worker> {
  const tesseract = await importModule<{ default: TesseractModule }>('tesseract.js');
  const worker = await tesseract.default.createWorker('eng', LSTM_ONLY, {
    langPath: path.join(packageDirectory('@tesseract.js-data/eng'), '4.0.0_best_int'),
    gzip: true,
    cacheMethod: 'none',
    logger: () => undefined,
    errorHandler: () => undefined,
  });
  // Sauvola's local threshold instead of global Otsu: on a noisy, unevenly lit phone photo Otsu
  // turns the paper grain into thousands of specks (confidence 15, 50-100 s); Sauvola reads it
  // (confidence 89, 3 s). Measured in bench/cross-check.ts.
  await worker.setParameters({ thresholding_method: '2' });
  return worker;
}
