/** A clock the scheduler tests move by hand: timers run when the clock passes their time. */
import type { SchedulerClock } from '../../../local/scheduler.js';

export class ManualClock implements SchedulerClock {
  private readonly timers = new Map<number, { at: number; run: () => void }>();
  private nextId = 1;

  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  setTimeout(run: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + ms, run });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves to `time`, running every timer due on the way in order. */
  advanceTo(time: Date): void {
    for (;;) {
      const [id, due] = [...this.timers].filter(([, timer]) => timer.at <= time.getTime()).sort(([, a], [, b]) => a.at - b.at)[0] ?? [];
      if (!due) break;
      this.timers.delete(id!);
      this.current = due.at;
      due.run();
    }
    this.current = time.getTime();
  }
}
