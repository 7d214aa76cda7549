import { describe, expect, it } from 'vitest'
import { FundsError } from '../errors.js'
import {
  checkTransition,
  FUNDABLE,
  PROJECT_STATUSES,
  type ProjectStatus,
  TARGET_STATUSES,
  type TargetStatus,
} from './lifecycle.js'

function thrown(f: () => unknown): FundsError {
  try {
    f()
  } catch (error) {
    expect(error).toBeInstanceOf(FundsError)
    return error as FundsError
  }
  throw new Error('expected a FundsError, nothing was thrown')
}

/** The legal next statuses from each status, written out by hand. */
const LEGAL: Record<ProjectStatus, TargetStatus[]> = {
  candidate: ['submitted', 'cancelled'],
  submitted: ['reviewed', 'cancelled'],
  reviewed: ['approved', 'cancelled'],
  approved: ['started', 'cancelled'],
  started: ['accepted'],
  accepted: ['operating'],
  operating: ['closed'],
  closed: [],
  cancelled: [],
}

const refusal = (from: ProjectStatus, to: TargetStatus) => thrown(() => checkTransition(from, to))

describe('checkTransition', () => {
  it('passes the whole happy path, candidate to closed', () => {
    const path: ProjectStatus[] = [
      'candidate',
      'submitted',
      'reviewed',
      'approved',
      'started',
      'accepted',
      'operating',
      'closed',
    ]
    for (let i = 1; i < path.length; i++) {
      expect(() => checkTransition(path[i - 1]!, path[i] as TargetStatus)).not.toThrow()
    }
  })

  it.each(['candidate', 'submitted', 'reviewed', 'approved'] as const)('allows cancel from %s', (from) => {
    expect(() => checkTransition(from, 'cancelled')).not.toThrow()
  })

  it('refuses skipping a step, naming what may come next', () => {
    const skip = refusal('candidate', 'approved')
    expect(skip.code).toBe('funds.transition_out_of_order')
    expect(skip.field).toBe('to')
    expect(skip.context).toEqual({ from: 'candidate', to: 'approved', allowed: ['submitted', 'cancelled'] })
    expect(skip.message).toBe('a candidate project can go to submitted or cancelled, not approved')

    const skipStart = refusal('approved', 'accepted')
    expect(skipStart.code).toBe('funds.transition_out_of_order')
    expect(skipStart.context['allowed']).toEqual(['started', 'cancelled'])
  })

  it('refuses going back or staying put', () => {
    expect(refusal('reviewed', 'submitted').context['allowed']).toEqual(['approved', 'cancelled'])
    expect(refusal('operating', 'accepted').context['allowed']).toEqual(['closed'])
    expect(refusal('started', 'started').context['allowed']).toEqual(['accepted'])
  })

  it('refuses cancelling once the works have started', () => {
    for (const from of ['started', 'accepted', 'operating'] as const) {
      const error = refusal(from, 'cancelled')
      expect(error.code).toBe('funds.transition_out_of_order')
      expect(error.context['allowed']).toEqual(LEGAL[from])
    }
  })

  it('refuses any step from closed or cancelled, with nothing allowed', () => {
    for (const from of ['closed', 'cancelled'] as const) {
      for (const to of TARGET_STATUSES) {
        const error = refusal(from, to)
        expect(error.code).toBe('funds.transition_out_of_order')
        expect(error.context['allowed']).toEqual([])
        expect(error.message).toBe(`a ${from} project takes no further step`)
      }
    }
  })

  it('allows exactly the legal steps from every status (exhaustive)', () => {
    expect([...TARGET_STATUSES].sort()).toEqual(PROJECT_STATUSES.filter((s) => s !== 'candidate').sort())
    for (const from of PROJECT_STATUSES) {
      for (const to of TARGET_STATUSES) {
        if (LEGAL[from].includes(to)) {
          expect(() => checkTransition(from, to)).not.toThrow()
        } else {
          const error = refusal(from, to)
          expect(error.code).toBe('funds.transition_out_of_order')
          expect(error.context).toEqual({ from, to, allowed: LEGAL[from] })
        }
      }
    }
  })

  it('funds a project from approval until it closes', () => {
    expect([...FUNDABLE]).toEqual(['approved', 'started', 'accepted', 'operating'])
  })
})
