import type { ApiKey } from './api-keys.js'

/**
 * Active API keys by secret hash, for a bounded time: authentication then costs no statement on
 * a hit. A key revoked through this process is evicted at once; one revoked through another API
 * process (behind the same load balancer) or in the database directly keeps working here for at
 * most `ttlMs` — the documented revocation delay (`LIANCUN_KEY_CACHE_SECONDS`, 0 turns caching
 * off). Unknown secrets are never cached, so a key minted elsewhere works at once.
 */
export class KeyCache {
  readonly #entries = new Map<string, { key: ApiKey; until: number }>()

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(secretHash: string): ApiKey | null {
    if (this.ttlMs <= 0) return null
    const entry = this.#entries.get(secretHash)
    if (!entry) return null
    if (entry.until <= this.now()) {
      this.#entries.delete(secretHash)
      return null
    }
    return entry.key
  }

  put(secretHash: string, key: ApiKey): void {
    if (this.ttlMs <= 0) return
    // Oldest first out: a Map iterates in insertion order.
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next().value
      if (oldest !== undefined) this.#entries.delete(oldest)
    }
    this.#entries.set(secretHash, { key, until: this.now() + this.ttlMs })
  }

  /** Forgets a key (revoked here): its next request is checked against the database. */
  evict(keyId: string): void {
    for (const [hash, entry] of this.#entries) if (entry.key.id === keyId) this.#entries.delete(hash)
  }
}
