import { addDays, daysBetween } from '@liancun/core'
import { GovernanceError } from '../errors.js'
import type { CreateMatterDisclosureInput, ImplementationInput, RespondObjectionInput } from '../inputs.js'

/** 两公开, objections (异议) and implementation (实施) of a matter: the decisions, pure. */

/** A matter as these rules see it. */
export interface DisclosedMatter {
  state: string
  implementation: string
}

/**
 * 决议公开 once resolved, lasting at least `disclosureDays` (the rules in force on its first day);
 * 实施结果公开 once the implementation is completed.
 */
export function checkDisclosure(
  matter: DisclosedMatter,
  input: CreateMatterDisclosureInput,
  disclosureDays: number,
): void {
  if (input.kind === 'resolution') {
    if (matter.state !== 'resolved') {
      throw new GovernanceError(
        'governance.not_resolved',
        `a resolution is disclosed once resolved; the matter is ${matter.state}`,
      )
    }
    const days = daysBetween(input.from, input.until) + 1
    if (days < disclosureDays) {
      throw new GovernanceError(
        'governance.disclosure_too_short',
        `${days} day(s); at least ${disclosureDays} required`,
        {
          field: 'until',
          context: { days, required: disclosureDays },
        },
      )
    }
  } else if (matter.implementation !== 'completed') {
    throw new GovernanceError(
      'governance.not_implemented',
      'the result is disclosed after the implementation is completed',
    )
  }
}

/** An objection answers a disclosed resolution of a matter still resolved; it is due in the configured days. */
export function objectionDueOn(
  matter: DisclosedMatter,
  disclosed: boolean,
  submittedOn: string,
  responseDays: number,
): string {
  if (!disclosed || matter.state !== 'resolved') {
    throw new GovernanceError('governance.nothing_disclosed', 'objections answer a disclosed resolution')
  }
  return addDays(submittedOn, responseDays)
}

/** An objection is answered once, on or after the day it was made. */
export function checkResponse(
  objection: { outcome: string | null; submittedOn: string },
  input: RespondObjectionInput,
): void {
  if (objection.outcome !== null)
    throw new GovernanceError('governance.objection_answered', `already ${objection.outcome}`)
  if (input.respondedOn < objection.submittedOn) {
    throw new GovernanceError(
      'governance.response_before_objection',
      'a response comes after the objection',
      {
        field: 'respondedOn',
      },
    )
  }
}

/** Unanswered past its due day, or answered late. */
export function isOverdue(
  objection: { outcome: string | null; dueOn: string; respondedOn: string | null },
  today: string,
): boolean {
  return objection.outcome === null
    ? today > objection.dueOn
    : objection.respondedOn !== null && objection.respondedOn > objection.dueOn
}

/**
 * 实施 starts once the resolution is disclosed, the disclosure has ended (the day after `until`)
 * and no objection is pending; it completes after it started.
 */
export function checkImplementation(
  matter: DisclosedMatter,
  input: ImplementationInput,
  latest: { until: string } | null,
  pendingObjections: string[],
): void {
  if (input.status === 'started') {
    if (matter.state !== 'resolved' || !latest) {
      throw new GovernanceError(
        'governance.not_disclosed',
        'implementation starts after the resolution is disclosed',
      )
    }
    if (input.on <= latest.until) {
      throw new GovernanceError(
        'governance.disclosure_running',
        `the disclosure runs until ${latest.until}`,
        {
          field: 'on',
          context: { until: latest.until },
        },
      )
    }
    if (pendingObjections.length > 0) {
      throw new GovernanceError(
        'governance.objection_pending',
        `${pendingObjections.length} objection(s) await a response`,
        { context: { objections: pendingObjections } },
      )
    }
    if (matter.implementation !== 'none')
      throw new GovernanceError('governance.already_started', 'already started')
  } else if (matter.implementation !== 'started') {
    throw new GovernanceError('governance.not_started', 'completion follows the start')
  }
}
