import { z } from 'zod'
import { DomainError } from './domain-error.js'

/**
 * 统计用区划代码: `PP CC DD TTT VVV`. A county is addressed by its first 6 digits, a township by 9,
 * a village (村委会) or community (居委会) by all 12. Because the code is hierarchical, "inside"
 * is a prefix test.
 */
export type DivisionLevel = 'province' | 'city' | 'county' | 'township' | 'village'

const levelByLength: Record<number, DivisionLevel> = {
  2: 'province',
  4: 'city',
  6: 'county',
  9: 'township',
  12: 'village',
}

export interface DivisionCodeParts {
  code: string
  level: DivisionLevel
  province: string
  city: string | null
  county: string | null
  township: string | null
  village: string | null
}

/** Returns why `code` is not a division code, or null when it is one. */
export function divisionCodeProblem(code: string): string | null {
  if (!/^[0-9]+$/.test(code)) return 'a division code has digits only'
  const level = levelByLength[code.length]
  if (!level) return 'a division code has 2, 4, 6, 9 or 12 digits (province, city, county, township, village)'
  if (code.startsWith('00')) return 'the province part (digits 1–2) must not be 00'
  // Each level below the top must be a real unit, not the zero filler of the level above.
  if (code.length >= 4 && code.slice(2, 4) === '00') return 'the city part (digits 3–4) must not be 00'
  if (code.length >= 6 && code.slice(4, 6) === '00') return 'the county part (digits 5–6) must not be 00'
  if (code.length >= 9 && code.slice(6, 9) === '000') return 'the township part (digits 7–9) must not be 000'
  if (code.length === 12 && code.slice(9, 12) === '000')
    return 'the village part (digits 10–12) must not be 000'
  return null
}

export function isDivisionCode(code: string): boolean {
  return divisionCodeProblem(code) === null
}

/** Splits a division code into its levels. Throws `core.invalid_division_code`. */
export function parseDivisionCode(code: string, field?: string): DivisionCodeParts {
  const problem = divisionCodeProblem(code)
  if (problem !== null) {
    throw new DomainError('core.invalid_division_code', `"${code}": ${problem}`, {
      kind: 'invalid',
      ...(field ? { field } : {}),
      context: { code },
    })
  }
  return {
    code,
    level: levelByLength[code.length] as DivisionLevel,
    province: code.slice(0, 2),
    city: code.length >= 4 ? code.slice(0, 4) : null,
    county: code.length >= 6 ? code.slice(0, 6) : null,
    township: code.length >= 9 ? code.slice(0, 9) : null,
    village: code.length === 12 ? code : null,
  }
}

export function divisionLevel(code: string): DivisionLevel {
  return parseDivisionCode(code).level
}

/** The 6-digit county of a county, township or village code. */
export function countyOf(code: string): string {
  const { county } = parseDivisionCode(code)
  if (county === null) {
    throw new DomainError('core.invalid_division_code', `"${code}" is above county level`, {
      kind: 'invalid',
      context: { code },
    })
  }
  return county
}

/** The 9-digit township of a township or village code. */
export function townshipOf(code: string): string {
  const { township } = parseDivisionCode(code)
  if (township === null) {
    throw new DomainError('core.invalid_division_code', `"${code}" is above township level`, {
      kind: 'invalid',
      context: { code },
    })
  }
  return township
}

/** The code of the level directly above, or null for a province. */
export function parentDivisionCode(code: string): string | null {
  const lengths = [2, 4, 6, 9, 12]
  const index = lengths.indexOf(code.length)
  return index > 0 ? code.slice(0, lengths[index - 1]) : null
}

/** True when `code` lies inside (or is) the division `container`. */
export function isWithinDivision(code: string, container: string): boolean {
  return code.startsWith(container)
}

const DIVISION_DESCRIPTION = '统计用区划代码: 2 (省), 4 (市), 6 (县), 9 (乡镇) or 12 (村/社区) digits'

export const DivisionCode = z
  .string()
  .superRefine((value, ctx) => {
    const problem = divisionCodeProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })
  .meta({ description: DIVISION_DESCRIPTION, example: '370303104201' })

function levelSchema(length: number, label: string, example: string) {
  return z
    .string()
    .superRefine((value, ctx) => {
      const problem =
        value.length === length ? divisionCodeProblem(value) : `a ${label} code has ${length} digits`
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
    .meta({ description: `${label} 统计用区划代码 (${length} digits)`, example })
}

export const CountyCode = levelSchema(6, 'county', '370303')
export const TownshipCode = levelSchema(9, 'township', '370303104')
export const VillageCode = levelSchema(12, 'village', '370303104201')
