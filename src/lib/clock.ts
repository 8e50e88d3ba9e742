/** The time source. Production uses the wall clock; tests move a controlled clock forward. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string) {
    this.t = new Date(start).getTime();
  }
  now() {
    return new Date(this.t);
  }
  advance(ms: number) {
    this.t += ms;
  }
  set(to: Date | string) {
    this.t = new Date(to).getTime();
  }
}
