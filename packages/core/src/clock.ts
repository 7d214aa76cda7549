/** Where "now" comes from, so tests can fix it. Business dates are in Asia/Shanghai. */
export interface Clock {
  now(): Date
  /** Today's business date, `YYYY-MM-DD`, in Asia/Shanghai. */
  today(): string
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

/** The business date (Asia/Shanghai, UTC+8, no daylight saving) of an instant. */
export function businessDateOf(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => businessDateOf(new Date()),
}

/** A clock stopped at `instant` (an ISO string or Date); `set` moves it. */
export function fixedClock(instant: string | Date): Clock & { set(next: string | Date): void } {
  let current = new Date(instant)
  return {
    now: () => new Date(current),
    today: () => businessDateOf(current),
    set(next) {
      current = new Date(next)
    },
  }
}
