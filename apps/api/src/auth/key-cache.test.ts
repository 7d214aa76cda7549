import { describe, expect, it } from 'vitest'
import type { ApiKey } from './api-keys.js'
import { KeyCache } from './key-cache.js'

const key = (id: string): ApiKey => ({
  id,
  name: id,
  prefix: 'lc_x',
  role: 'auditor',
  scope: '370322',
  createdBy: null,
  createdAt: '2024-01-01T00:00:00.000Z',
  revokedAt: null,
})

describe('key cache', () => {
  it('answers a hit until its time is up, then asks again', () => {
    let now = 0
    const cache = new KeyCache(10_000, 100, () => now)
    cache.put('h1', key('k1'))
    now = 9_999
    expect(cache.get('h1')?.id).toBe('k1')
    now = 10_000
    expect(cache.get('h1')).toBeNull()
  })

  it('forgets an evicted key at once, and keeps at most maxEntries', () => {
    const cache = new KeyCache(60_000, 2, () => 0)
    cache.put('h1', key('k1'))
    cache.put('h2', key('k2'))
    cache.evict('k1')
    expect(cache.get('h1')).toBeNull()
    cache.put('h3', key('k3'))
    cache.put('h4', key('k4'))
    expect(cache.get('h2')).toBeNull()
    expect(cache.get('h3')?.id).toBe('k3')
    expect(cache.get('h4')?.id).toBe('k4')
  })

  it('caches nothing with a time of 0', () => {
    const cache = new KeyCache(0)
    cache.put('h1', key('k1'))
    expect(cache.get('h1')).toBeNull()
  })
})
