import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError } from './domain-error.js'
import { splitByShares } from './split-by-shares.js'

const amounts = (result: ReturnType<typeof splitByShares>) =>
  Object.fromEntries(result.shares.map((s) => [s.key, s.amount]))

describe('splitByShares', () => {
  it('breaks equal remainders by key, never by input order', () => {
    expect(
      amounts(
        splitByShares(100n, [
          { key: 'b', units: 1 },
          { key: 'a', units: 1 },
          { key: 'c', units: 1 },
        ]),
      ),
    ).toEqual({
      a: 34n,
      b: 33n,
      c: 33n,
    })
  })

  it('breaks equal remainders by larger units before key', () => {
    // 10 over 1:2:... quotas 10/7*1 = 1.43, 10/7*2 = 2.86, 10/7*4 = 5.71 → floors 1,2,5 = 8; remainders 3,6,5 (of 7)
    const result = splitByShares(10n, [
      { key: 'x', units: 1 },
      { key: 'y', units: 2 },
      { key: 'z', units: 4 },
    ])
    expect(amounts(result)).toEqual({ x: 1n, y: 3n, z: 6n })
    expect(result.leftover).toBe(2n)
  })

  it('gives zero units nothing and keeps the total exact', () => {
    const result = splitByShares(1001n, [
      { key: 'a', units: 0 },
      { key: 'b', units: 3 },
      { key: 'c', units: 7 },
    ])
    expect(amounts(result)).toEqual({ a: 0n, b: 300n, c: 701n })
  })

  it('mirrors a negative total', () => {
    expect(
      amounts(
        splitByShares(-100n, [
          { key: 'a', units: 1 },
          { key: 'b', units: 1 },
          { key: 'c', units: 1 },
        ]),
      ),
    ).toEqual({
      a: -34n,
      b: -33n,
      c: -33n,
    })
  })

  it('refuses all-zero units for a non-zero total, negative units and duplicate keys', () => {
    const code = (f: () => unknown) => {
      try {
        f()
      } catch (error) {
        return (error as DomainError).code
      }
      return null
    }
    expect(code(() => splitByShares(5n, [{ key: 'a', units: 0 }]))).toBe('core.no_units')
    expect(splitByShares(0n, [{ key: 'a', units: 0 }]).shares[0]?.amount).toBe(0n)
    expect(code(() => splitByShares(5n, [{ key: 'a', units: -1 }]))).toBe('core.invalid_units')
    expect(code(() => splitByShares(5n, [{ key: 'a', units: 1.5 }]))).toBe('core.invalid_units')
    expect(
      code(() =>
        splitByShares(5n, [
          { key: 'a', units: 1 },
          { key: 'a', units: 2 },
        ]),
      ),
    ).toBe('core.duplicate_share_key')
    expect(DomainError.isInstance(new DomainError('x', 'y'))).toBe(true)
  })

  const sharesArbitrary = fc.uniqueArray(
    fc.record({
      key: fc.string({ minLength: 1, maxLength: 6 }),
      units: fc.bigInt({ min: 0n, max: 10n ** 12n }),
    }),
    { minLength: 1, maxLength: 30, selector: (s) => s.key },
  )
  const totalArbitrary = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n })

  it('always sums exactly to the total (property)', () => {
    fc.assert(
      fc.property(totalArbitrary, sharesArbitrary, (total, shares) => {
        fc.pre(shares.some((s) => s.units > 0n))
        const result = splitByShares(total, shares)
        expect(result.shares.reduce((sum, s) => sum + s.amount, 0n)).toBe(total)
      }),
    )
  })

  it('keeps every share within one fen of its exact quota (property)', () => {
    fc.assert(
      fc.property(totalArbitrary, sharesArbitrary, (total, shares) => {
        fc.pre(shares.some((s) => s.units > 0n))
        const result = splitByShares(total, shares)
        for (const share of result.shares) {
          const error = share.amount * result.totalUnits - total * share.units
          expect(error < 0n ? -error : error).toBeLessThan(result.totalUnits)
          if (share.units === 0n) expect(share.amount).toBe(0n)
        }
      }),
    )
  })

  it('does not depend on input order (property)', () => {
    fc.assert(
      fc.property(totalArbitrary, sharesArbitrary, fc.infiniteStream(fc.nat()), (total, shares, stream) => {
        fc.pre(shares.some((s) => s.units > 0n))
        const shuffled = [...shares]
        const random = stream.take(shuffled.length)
        let i = shuffled.length
        for (const r of random) {
          i--
          const j = r % (i + 1)
          ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
        }
        expect(amounts(splitByShares(total, shuffled))).toEqual(amounts(splitByShares(total, shares)))
      }),
    )
  })
})
