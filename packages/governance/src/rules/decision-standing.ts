import type { MatterSubject } from './matter-subject.js'

/** One village matter's standing, as read from the records on a day. */
export interface DecisionPart {
  matterId: string
  villageCode: string
  /** The matter's state: the next stage, or resolved / rejected / closed. */
  state: string
  /** `until` of the latest resolution disclosure (决议公开), or null when none was made. */
  resolutionDisclosureUntil: string | null
  /** Objections not yet answered. */
  pendingObjections: number
}

/**
 * Whether a 四议两公开 decision (a village matter, or an alliance matter fanned out to village
 * matters) authorises spending on a day, and what is missing when it does not.
 */
export interface DecisionStanding {
  kind: 'matter' | 'alliance_matter'
  id: string
  title: string
  category: string
  /** What was decided: category, amount or cap, object, listed projects (see matter-subject.ts). */
  subject: MatterSubject
  villageCodes: string[]
  satisfied: boolean
  missing: string[]
  parts: DecisionPart[]
}

/**
 * What keeps one village matter from authorising spending on `asOf`: it must be resolved (or
 * closed, i.e. resolved and its result disclosed), its resolution disclosure must have ended
 * (`asOf` after `until`), and no objection may be pending. Empty when satisfied. Pure.
 */
export function decisionGaps(part: DecisionPart, asOf: string): string[] {
  const name = `matter ${part.matterId} (${part.villageCode})`
  const gaps: string[] = []
  if (part.state === 'rejected') gaps.push(`${name} was rejected`)
  else if (part.state !== 'resolved' && part.state !== 'closed')
    gaps.push(`${name} is at ${part.state}, not resolved`)
  if (part.resolutionDisclosureUntil === null) gaps.push(`no resolution disclosure for ${name}`)
  else if (!(asOf > part.resolutionDisclosureUntil))
    gaps.push(`resolution disclosure of ${name} runs until ${part.resolutionDisclosureUntil}`)
  if (part.pendingObjections > 0) gaps.push(`${part.pendingObjections} objection(s) pending on ${name}`)
  return gaps
}
