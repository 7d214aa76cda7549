import { describe, expect, it } from 'vitest'
import { FundsError } from '../errors.js'
import {
  acceptanceShares,
  checkNoticeStage,
  checkResult,
  checkStep,
  checkTransition,
  completedNotice,
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

describe('the rules of a step', () => {
  const code = (f: () => unknown) => thrown(f).code

  it('never cancels a project paid from, never dates a step ahead of today or before the last one', () => {
    const context = { today: '2024-06-30', lastStepOn: '2024-03-01', paid: false }
    expect(() => checkStep('cancelled', '2024-06-01', context)).not.toThrow()
    expect(code(() => checkStep('cancelled', '2024-06-01', { ...context, paid: true }))).toBe(
      'funds.paid_cannot_cancel',
    )
    expect(code(() => checkStep('started', '2024-07-01', context))).toBe('funds.future_step')
    expect(code(() => checkStep('started', '2024-02-29', context))).toBe('funds.step_before_previous')
    expect(() => checkStep('started', '2024-03-01', { ...context, lastStepOn: null })).not.toThrow()
  })

  it('waits for a notice of the stage to have run its days, naming the day it can follow', () => {
    const notices = [
      { id: 'n2', stage: 'approval', until: '2024-03-20' },
      { id: 'n1', stage: 'approval', until: '2024-03-10' },
      { id: 'c1', stage: 'completion', until: '2024-10-10' },
    ]
    expect(completedNotice(notices, 'approval', '2024-03-15').id).toBe('n1')
    expect(completedNotice(notices, 'approval', '2024-03-21').id).toBe('n2')
    const early = thrown(() => completedNotice(notices, 'completion', '2024-10-10'))
    expect(early.code).toBe('funds.notice_required')
    expect(early.message).toContain('2024-10-11')
    expect(early.context).toEqual({ stage: 'completion', until: '2024-10-10' })
    expect(thrown(() => completedNotice([], 'approval', '2024-01-01')).context).toEqual({ stage: 'approval' })
  })

  it('posts an approval notice while submitted or reviewed, a completion notice while started', () => {
    expect(() => checkNoticeStage('reviewed', 'approval')).not.toThrow()
    expect(() => checkNoticeStage('started', 'completion')).not.toThrow()
    expect(code(() => checkNoticeStage('approved', 'approval'))).toBe('funds.notice_out_of_stage')
    expect(code(() => checkNoticeStage('accepted', 'completion'))).toBe('funds.notice_out_of_stage')
  })

  it('records the shares at acceptance only, one line per holder of the county', () => {
    const share = (villageCode: string) => ({
      holder: { villageCode },
      contribution: 'land',
      valuation: 100n,
    })
    expect(code(() => acceptanceShares('accepted', undefined, '370323'))).toBe('funds.acceptance_required')
    expect(code(() => acceptanceShares('operating', { shares: [share('370323107201')] }, '370323'))).toBe(
      'funds.acceptance_unexpected',
    )
    expect(acceptanceShares('operating', undefined, '370323')).toEqual([])
    expect(code(() => acceptanceShares('accepted', { shares: [share('370322104201')] }, '370323'))).toBe(
      'funds.holder_outside_county',
    )
    expect(
      code(() =>
        acceptanceShares('accepted', { shares: [share('370323107201'), share('370323107201')] }, '370323'),
      ),
    ).toBe('funds.duplicate_holder')
    expect(
      acceptanceShares(
        'accepted',
        {
          shares: [
            share('370323107201'),
            { holder: { partnerId: 'p1' }, contribution: 'money', valuation: 5n },
          ],
        },
        '370323',
      ),
    ).toEqual([
      { holder: 'village:370323107201', contribution: 'land', units: 100n },
      { holder: 'partner:p1', contribution: 'money', units: 5n },
    ])
  })

  it('records 绩效 results once works start, for the project’s own indicators', () => {
    expect(code(() => checkResult('approved', true, '大棚'))).toBe('funds.no_results_yet')
    expect(code(() => checkResult('started', false, '大棚'))).toBe('funds.unknown_indicator')
    for (const status of ['started', 'accepted', 'operating', 'closed']) {
      expect(() => checkResult(status, true, '大棚')).not.toThrow()
    }
  })
})
