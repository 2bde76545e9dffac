/** A small bar chart of finished tasks per 10 s over the last 5 minutes: succeeded, and failed on top. */
const BUCKET_MS = 10_000;
const BUCKETS = 30;

export class ThroughputChart {
  readonly #succeeded = new Map<number, number>();
  readonly #failed = new Map<number, number>();

  constructor(private readonly canvas: HTMLCanvasElement) {
    setInterval(() => this.draw(), BUCKET_MS);
    this.draw();
  }

  add(state: string, at = Date.now()): void {
    const bucket = Math.floor(at / BUCKET_MS);
    const counts = state === 'SUCCESS' ? this.#succeeded : this.#failed;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    this.draw();
  }

  draw(): void {
    const context = this.canvas.getContext('2d');
    if (!context) return;
    const { width, height } = this.canvas;
    const now = Math.floor(Date.now() / BUCKET_MS);
    const buckets = Array.from({ length: BUCKETS }, (_, i) => now - BUCKETS + 1 + i);
    const max = Math.max(1, ...buckets.map((b) => (this.#succeeded.get(b) ?? 0) + (this.#failed.get(b) ?? 0)));
    const barWidth = width / BUCKETS;
    context.clearRect(0, 0, width, height);
    buckets.forEach((bucket, i) => {
      const ok = this.#succeeded.get(bucket) ?? 0;
      const bad = this.#failed.get(bucket) ?? 0;
      const okHeight = (ok / max) * (height - 12);
      const badHeight = (bad / max) * (height - 12);
      context.fillStyle = '#2e9d5b';
      context.fillRect(i * barWidth + 1, height - okHeight, barWidth - 2, okHeight);
      context.fillStyle = '#d64545';
      context.fillRect(i * barWidth + 1, height - okHeight - badHeight, barWidth - 2, badHeight);
    });
    context.fillStyle = '#666';
    context.font = '10px sans-serif';
    context.fillText(`finished per 10 s (max ${max})`, 2, 10);
  }
}
