import { z } from 'zod'
import { DomainError } from './domain-error.js'

/**
 * 统一社会信用代码 (GB 32100-2015), 18 characters:
 * 1 registration department, 2 category, 3–8 registering authority's area (GB/T 2260),
 * 9–17 organisation code (GB 11714, own check at 17), 18 check character (MOD 31).
 * A checksum failure is reported as a warning, never a rejection: early pilot codes carry
 * non-standard check characters, and a passing checksum proves nothing about existence.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

/** Registration departments (登记管理部门) and the category codes each one uses. */
export const USCC_DEPARTMENTS: Record<string, { name: string; categories: string }> = {
  '1': { name: '机构编制', categories: '1239' },
  '2': { name: '外交', categories: '19' },
  '3': { name: '司法行政', categories: '123459' },
  '4': { name: '文化', categories: '19' },
  '5': { name: '民政', categories: '1239' },
  '6': { name: '旅游', categories: '129' },
  '7': { name: '宗教', categories: '129' },
  '8': { name: '工会', categories: '19' },
  '9': { name: '工商/市场监管', categories: '123' },
  A: { name: '中央军委改革和编制办公室', categories: '19' },
  N: { name: '农业', categories: '1239' },
  Y: { name: '其他', categories: '1' },
}

export type UsccWarning = 'check_character_mismatch' | 'organization_code_check_mismatch'

export interface UsccInfo {
  code: string
  department: string
  category: string
  /** 6-digit area of the registering authority (usually the county), not the village. */
  registrationArea: string
  organizationCode: string
  /** True for 村级集体经济组织 (N2…). */
  villageCollective: boolean
  warnings: UsccWarning[]
}

/** The MOD-31 check character over the first 17 characters. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i] as string) * (USCC_WEIGHTS[i] as number)
  return ALPHABET[(31 - (sum % 31)) % 31] as string
}

/** GB 11714 check character over the 8 body characters of an organisation code. */
export function organizationCodeCheckCharacter(body8: string): string {
  let sum = 0
  for (let i = 0; i < 8; i++) {
    const char = body8[i] as string
    const value = /[0-9]/.test(char) ? Number(char) : char.charCodeAt(0) - 55
    sum += value * (ORG_CODE_WEIGHTS[i] as number)
  }
  const check = 11 - (sum % 11)
  return check === 10 ? 'X' : check === 11 ? '0' : String(check)
}

/** Returns why `code` is structurally not a USCC, or null. Checksums are not structure. */
export function usccProblem(code: string): string | null {
  if (code.length !== 18) return 'a USCC has exactly 18 characters'
  for (const char of code) {
    if (!ALPHABET.includes(char))
      return `character "${char}" is not allowed (digits and A–Y without I, O, S, V, Z)`
  }
  const department = USCC_DEPARTMENTS[code[0] as string]
  if (!department) return `"${code[0]}" is not a registration department code`
  if (!department.categories.includes(code[1] as string)) {
    return `"${code[1]}" is not a category of registration department ${code[0]} (${department.name})`
  }
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) return 'characters 3–8 must be a 6-digit area code'
  if (!/^[0-9A-Y]{8}[0-9X]$/.test(code.slice(8, 17))) return 'characters 9–17 must be an organisation code'
  return null
}

/** Validates structure (throws `core.invalid_uscc`) and reports checksum failures as warnings. */
export function parseUscc(code: string, field?: string): UsccInfo {
  const problem = usccProblem(code)
  if (problem !== null) {
    throw new DomainError('core.invalid_uscc', `"${code}": ${problem}`, {
      kind: 'invalid',
      ...(field ? { field } : {}),
      context: { code },
    })
  }
  const warnings: UsccWarning[] = []
  if (organizationCodeCheckCharacter(code.slice(8, 16)) !== code[16])
    warnings.push('organization_code_check_mismatch')
  if (usccCheckCharacter(code.slice(0, 17)) !== code[17]) warnings.push('check_character_mismatch')
  return {
    code,
    department: code[0] as string,
    category: code[1] as string,
    registrationArea: code.slice(2, 8),
    organizationCode: code.slice(8, 17),
    villageCollective: code.startsWith('N2'),
    warnings,
  }
}

export const Uscc = z
  .string()
  .superRefine((value, ctx) => {
    const problem = usccProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })
  .meta({ description: '统一社会信用代码 (GB 32100-2015), 18 characters', example: '91110000600037341L' })
