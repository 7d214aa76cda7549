import type { GuardOptions, Ledger } from '@liancun/ledger'
import { OrganizationError } from '@liancun/organization'
import type { Services } from '../services.js'

/**
 * Whose books an export shows, for its header lines: the ledger (编制单位, its USCC, the village
 * by name and code) or the division a county book totals. Two reads beside the report's own —
 * the report returns ids only — and never on the JSON routes' hot path.
 */

export interface LedgerSubject {
  ledger: Ledger
  villageName: string | null
}

export interface DivisionSubject {
  /** '' when an unscoped key totals every ledger. */
  code: string
  name: string | null
  ledgers: number
  eliminateLinks: boolean
}

/** The division's name; null when it is not recorded (the header then shows the code alone). */
export async function divisionName(services: Services, code: string): Promise<string | null> {
  if (code === '') return null
  try {
    return (await services.organization.getDivision(code)).name
  } catch (error) {
    if (error instanceof OrganizationError && error.code === 'organization.division_not_found') return null
    throw error
  }
}

/** The ledger, loaded through the caller's guard like the report itself, and its village's name. */
export async function loadLedgerSubject(
  services: Services,
  ledgerId: string,
  options: GuardOptions,
): Promise<LedgerSubject> {
  const ledger = await services.ledger.getLedger(ledgerId, options)
  return { ledger, villageName: await divisionName(services, ledger.villageCode) }
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

/** 2024-12-31 12:00:00（北京时间）: business time is Asia/Shanghai (UTC+8, no daylight saving). */
export function generatedLabel(at: Date): string {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString()
  return `${local.slice(0, 10)} ${local.slice(11, 19)}（北京时间）`
}

const named = (name: string | null, code: string) => (name ? `${name}（${code}）` : code)

/**
 * The subject of an export as its layout needs it: the header lines for a period (with lines of
 * the report's own, e.g. the account of a 明细账, after the period) and the name and code its
 * file is named by.
 */
export interface Head {
  who: { name: string; code: string }
  lines(period: string, extra?: [string, string][]): [string, string][]
}

/** One ledger's header: 编制单位, USCC, village, ledger id, period, unit, generation time. */
export function ledgerHead(subject: LedgerSubject, generatedAt: Date): Head {
  const { ledger, villageName } = subject
  return {
    who: { name: ledger.collective.name, code: ledger.villageCode },
    lines: (period, extra = []) => [
      ['编制单位', ledger.collective.name],
      ['统一社会信用代码', ledger.collective.uscc],
      ['所在村', named(villageName, ledger.villageCode)],
      ['账套编号', ledger.id],
      ['会计期间', period],
      ...extra,
      ['金额单位', '元'],
      ['生成时间', generatedLabel(generatedAt)],
    ],
  }
}

/** A county or township book's header (汇总 of single ledgers, not a consolidation). */
export function divisionHead(subject: DivisionSubject, generatedAt: Date): Head {
  const all = subject.code === ''
  return {
    who: { name: all ? '全部' : (subject.name ?? subject.code), code: all ? 'all' : subject.code },
    lines: (period, extra = []) => [
      ['汇总范围', all ? '全部' : named(subject.name, subject.code)],
      ['汇总账套数', String(subject.ledgers)],
      ['抵销飞地抱团往来', subject.eliminateLinks ? '是' : '否'],
      ['会计期间', period],
      ...extra,
      ['金额单位', '元'],
      ['生成时间', generatedLabel(generatedAt)],
    ],
  }
}
