/**
 * Reading and parsing run off the caller's event loop, in worker threads with a memory limit and
 * a wall-clock limit: a hostile document (a regex that backtracks, a PDF that loops, a bomb)
 * costs one worker, which is terminated, never the API's responsiveness. Workers are reused
 * between jobs and replaced after a kill; jobs beyond the pool's size wait in a short queue and
 * beyond that are refused as busy. A job's clock starts when its worker has loaded, so a slow
 * start (a cold worker on a busy machine) never counts against the document.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PlanReadError } from './errors';
import { fromWire, type ParseJob, type ParseOutcome, type WireError } from './job';

export interface PoolOptions {
  /** worker threads at most (default 2) */
  size?: number;
  /** a job's wall-clock limit in ms, reading and parsing (default 20 s) */
  timeoutMs?: number;
  /** jobs waiting for a worker before new ones are refused (default 16) */
  maxQueue?: number;
  /** a worker's heap limit in MB (default 768) */
  memoryMb?: number;
}

interface Pending {
  job: ParseJob;
  resolve: (r: ParseOutcome) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** false until the worker has loaded its modules (compiling them, under jest) */
  ready: boolean;
  current: (Pending & { id: number; timer: NodeJS.Timeout | null }) | null;
}

/** A worker that has not loaded within this long is broken, not slow. */
const BOOT_LIMIT_MS = 120_000;

let nextId = 1;

export class PlanParsePool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly maxQueue: number;
  private readonly memoryMb: number;
  private closed = false;

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(1, options.size ?? 2);
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.maxQueue = options.maxQueue ?? 16;
    this.memoryMb = options.memoryMb ?? 768;
  }

  get limits(): { timeoutMs: number; memoryMb: number } {
    return { timeoutMs: this.timeoutMs, memoryMb: this.memoryMb };
  }

  run(job: ParseJob): Promise<ParseOutcome> {
    if (this.closed) return Promise.reject(new PlanReadError('busy', '服务正在关闭 / the document reader is shutting down'));
    return new Promise<ParseOutcome>((resolve, reject) => {
      if (this.queue.length >= this.maxQueue) {
        reject(new PlanReadError('busy', `系统繁忙 / ${this.queue.length} documents are waiting to be read; try again in a minute`));
        return;
      }
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  /**
   * Starts a worker before the first job needs it: a fresh worker loads the readers (pdfjs,
   * mammoth, exceljs) and the parser, about a second on a busy machine, which the first upload
   * would otherwise wait for. The idle worker does not keep the process alive.
   */
  warm(): void {
    if (this.closed || this.slots.size > 0) return;
    this.spawn().worker.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new PlanReadError('busy', '服务正在关闭 / the document reader is shutting down'));
    await Promise.all([...this.slots].map((s) => s.worker.terminate()));
    this.slots.clear();
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = [...this.slots].find((s) => s.current === null);
      if (!slot && this.slots.size < this.size) slot = this.spawn();
      if (!slot) return;
      this.dispatch(slot, this.queue.shift()!);
    }
  }

  private dispatch(slot: Slot, pending: Pending): void {
    slot.current = { ...pending, id: nextId++, timer: null };
    slot.worker.ref();
    if (slot.ready) this.start(slot);
    else slot.current.timer = setTimeout(() => this.fail(slot, new Error(`plan reader worker did not start within ${BOOT_LIMIT_MS / 1000} s`)), BOOT_LIMIT_MS);
  }

  /** Posts the slot's job to its (loaded) worker and starts the job's clock. */
  private start(slot: Slot): void {
    const cur = slot.current!;
    if (cur.timer) clearTimeout(cur.timer);
    cur.timer = setTimeout(() => {
      this.fail(slot, new PlanReadError('timeout', `文档处理超时 / reading the document took longer than ${this.timeoutMs >= 1000 ? `${Math.round(this.timeoutMs / 1000)} s` : `${this.timeoutMs} ms`}, the limit; it is too large or too complex`));
    }, this.timeoutMs);
    slot.worker.postMessage({ id: cur.id, job: cur.job });
  }

  private spawn(): Slot {
    const compiled = join(__dirname, 'parse.worker.js');
    const fromDist = !__filename.endsWith('.ts') && existsSync(compiled);
    const worker = new Worker(fromDist ? compiled : fromSource(join(__dirname, 'parse.worker.ts')), {
      eval: !fromDist,
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
      // pdfjs warns on the console about fonts and canvas; none of that is the caller's business
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    const slot: Slot = { worker, ready: false, current: null };
    worker.on('message', (m: { ready?: true; id: number; result?: ParseOutcome; error?: WireError }) => {
      if (m.ready) {
        slot.ready = true;
        if (slot.current) this.start(slot);
        return;
      }
      const cur = slot.current;
      if (!cur || cur.id !== m.id) return;
      if (cur.timer) clearTimeout(cur.timer);
      slot.current = null;
      worker.unref();
      if (m.error) cur.reject(fromWire(m.error));
      else cur.resolve(m.result!);
      this.pump();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      this.fail(
        slot,
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new PlanReadError('too_large', `文档过于复杂 / reading the document needed more than ${this.memoryMb} MB of memory, the limit`)
          : new Error(`plan reader worker failed: ${error.message}`),
      );
    });
    worker.on('exit', () => this.fail(slot, new Error('plan reader worker exited')));
    this.slots.add(slot);
    return slot;
  }

  /** Ends the slot's job with an error and retires the worker; the next job gets a fresh one. */
  private fail(slot: Slot, error: Error): void {
    if (!this.slots.delete(slot)) return;
    const cur = slot.current;
    slot.current = null;
    if (cur) {
      if (cur.timer) clearTimeout(cur.timer);
      cur.reject(error);
    }
    void slot.worker.terminate();
    if (!this.closed) this.pump();
  }
}

/**
 * Compiled, the pool starts `parse.worker.js` directly. From TypeScript sources (jest, ad-hoc
 * runs) there is no .js to start: the worker first registers the repository's one SWC load hook
 * (scripts/swc-register.js, which keeps `import()` native so pdfjs, ESM only, loads), then the entry.
 */
function fromSource(entry: string): string {
  const register = join(__dirname, '..', '..', '..', 'scripts', 'swc-register.js');
  return `require(${JSON.stringify(register)});\nrequire(${JSON.stringify(entry)});\n`;
}
