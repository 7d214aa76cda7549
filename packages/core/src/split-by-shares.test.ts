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

describe('splitByShares: the method, stated on known answers', () => {
  it('reaches the units tie-break: equal remainders go to the larger units first, whatever the keys', () => {
    // 2 fen over 1 : 3 → quotas 0.5 and 1.5: floors 0 and 1, remainders 2/4 and 2/4 (equal).
    // The leftover fen goes to the larger units ("b"), though "a" sorts first by key.
    const result = splitByShares(2n, [
      { key: 'a', units: 1 },
      { key: 'b', units: 3 },
    ])
    expect(result).toEqual({
      total: 2n,
      totalUnits: 4n,
      leftover: 1n,
      shares: [
        { key: 'a', units: 1n, floor: 0n, remainder: 2n, extra: 0n, amount: 0n, rank: 1 },
        { key: 'b', units: 3n, floor: 1n, remainder: 2n, extra: 1n, amount: 2n, rank: 0 },
      ],
    })
    // the same with the larger units listed first and named last
    expect(
      amounts(
        splitByShares(2n, [
          { key: 'z', units: 3 },
          { key: 'a', units: 1 },
        ]),
      ),
    ).toEqual({ z: 2n, a: 0n })
  })

  it('ranks by remainder before units: a larger remainder wins over larger units', () => {
    // 5 over 1 : 2 : 4 (Σ7): quotas 5/7, 10/7, 20/7 → floors 0, 1, 2; remainders 5, 3, 6; leftover 2
    const result = splitByShares(5n, [
      { key: 'x', units: 1 },
      { key: 'y', units: 2 },
      { key: 'z', units: 4 },
    ])
    expect(result.shares.map((s) => [s.key, s.floor, s.remainder, s.rank, s.amount])).toEqual([
      ['x', 0n, 5n, 1, 1n],
      ['y', 1n, 3n, 2, 1n],
      ['z', 2n, 6n, 0, 3n],
    ])
    expect(result.leftover).toBe(2n)
  })

  it('mirrors a negative total share by share: floors, extras and amounts negated, remainders not', () => {
    const result = splitByShares(-2n, [
      { key: 'a', units: 1 },
      { key: 'b', units: 3 },
    ])
    expect(result).toEqual({
      total: -2n,
      totalUnits: 4n,
      leftover: -1n,
      shares: [
        { key: 'a', units: 1n, floor: -0n, remainder: 2n, extra: -0n, amount: -0n, rank: 1 },
        { key: 'b', units: 3n, floor: -1n, remainder: 2n, extra: -1n, amount: -2n, rank: 0 },
      ],
    })
  })

  it('splits exactly without leftover, and zero over zero units', () => {
    const exact = splitByShares(900n, [
      { key: 'a', units: 1n },
      { key: 'b', units: 2n },
    ])
    expect(exact.leftover).toBe(0n)
    expect(exact.shares.map((s) => [s.amount, s.extra, s.remainder])).toEqual([
      [300n, 0n, 0n],
      [600n, 0n, 0n],
    ])
    const empty = splitByShares(0n, [
      { key: 'a', units: 0 },
      { key: 'b', units: 0n },
    ])
    expect(empty).toEqual({
      total: 0n,
      totalUnits: 0n,
      leftover: 0n,
      shares: [
        { key: 'a', units: 0n, floor: 0n, remainder: 0n, extra: 0n, amount: 0n, rank: 0 },
        { key: 'b', units: 0n, floor: 0n, remainder: 0n, extra: 0n, amount: 0n, rank: 1 },
      ],
    })
    expect(splitByShares(0n, [])).toEqual({ total: 0n, totalUnits: 0n, leftover: 0n, shares: [] })
  })

  it('refuses with the key in the context', () => {
    const context = (f: () => unknown) => {
      try {
        f()
      } catch (error) {
        const { code, kind, context } = error as DomainError
        return { code, kind, context }
      }
      return null
    }
    expect(context(() => splitByShares(5n, [{ key: 'k', units: -1n }]))).toEqual({
      code: 'core.invalid_units',
      kind: 'invalid',
      context: { key: 'k' },
    })
    expect(context(() => splitByShares(5n, [{ key: 'k', units: Number.MAX_SAFE_INTEGER + 1 }]))).toEqual({
      code: 'core.invalid_units',
      kind: 'invalid',
      context: { key: 'k' },
    })
    expect(splitByShares(1n, [{ key: 'k', units: Number.MAX_SAFE_INTEGER }]).shares[0]?.amount).toBe(1n)
    expect(
      context(() =>
        splitByShares(5n, [
          { key: 'k', units: 1 },
          { key: 'k', units: 1 },
        ]),
      ),
    ).toEqual({ code: 'core.duplicate_share_key', kind: 'invalid', context: { key: 'k' } })
    expect(context(() => splitByShares(-5n, [{ key: 'k', units: 0 }]))).toEqual({
      code: 'core.no_units',
      kind: 'rule',
      context: { total: '-5' },
    })
  })

  it('hands out exactly the leftover, one fen each, to the first ranks (property, fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
        fc.uniqueArray(
          fc.record({
            key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
            units: fc.bigInt({ min: 0n, max: 50n }),
          }),
          {
            minLength: 1,
            selector: (s) => s.key,
          },
        ),
        (total, shares) => {
          fc.pre(shares.some((s) => s.units > 0n))
          const result = splitByShares(total, shares)
          const sign = total < 0n ? -1n : 1n
          expect(result.leftover).toBe(result.shares.reduce((s, x) => s + x.extra, 0n))
          expect(result.leftover * sign).toBeLessThan(BigInt(shares.length))
          for (const s of result.shares) {
            expect(s.amount).toBe(s.floor + s.extra)
            expect(s.extra).toBe(BigInt(s.rank) < result.leftover * sign ? sign : 0n)
          }
          expect([...result.shares.map((s) => s.rank)].sort((x, y) => x - y)).toEqual(shares.map((_, i) => i))
        },
      ),
      { seed: 15, numRuns: 200 },
    )
  })
})
