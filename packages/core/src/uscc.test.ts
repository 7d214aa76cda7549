import { describe, expect, it } from 'vitest'
import {
  organizationCodeCheckCharacter,
  parseUscc,
  USCC_DEPARTMENTS,
  usccCheckCharacter,
  usccProblem,
} from './uscc.js'

/** Builds a code with correct check characters from its first 16 characters. */
function withChecks(first16: string): string {
  const first17 = first16 + organizationCodeCheckCharacter(first16.slice(8, 16))
  return first17 + usccCheckCharacter(first17)
}

describe('USCC (GB 32100-2015)', () => {
  it('accepts the standard example with no warnings', () => {
    expect(organizationCodeCheckCharacter('60003734')).toBe('1')
    expect(usccCheckCharacter('91110000600037341')).toBe('L')
    expect(parseUscc('91110000600037341L')).toMatchObject({
      department: '9',
      category: '1',
      registrationArea: '110000',
      warnings: [],
    })
  })

  it('accepts a village collective (N2…) and marks it', () => {
    const code = withChecks('N2370322MA3C4D5E')
    const info = parseUscc(code)
    expect(info.villageCollective).toBe(true)
    expect(info.warnings).toEqual([])
  })

  it('reports a wrong check character as a warning, not a rejection', () => {
    const good = withChecks('N2370322MA3C4D5E')
    const flipped = good.slice(0, 17) + (good[17] === '0' ? '1' : '0')
    expect(parseUscc(flipped).warnings).toEqual(['check_character_mismatch'])
    const innerWrong = `${good.slice(0, 16)}${good[16] === '0' ? '1' : '0'}${good[17]}`
    expect(parseUscc(innerWrong).warnings).toContain('organization_code_check_mismatch')
  })

  it('accepts every registration department with an allowed category', () => {
    for (const [department, { categories }] of Object.entries(USCC_DEPARTMENTS)) {
      const code = withChecks(`${department}${categories[0]}37032212345678`)
      expect(parseUscc(code).warnings, code).toEqual([])
    }
  })

  it.each([
    ['91110000600037341', /18 characters/],
    ['91110000600037341I', /not allowed/],
    ['B1110000600037341L', /not a registration department/],
    ['N4110000600037341L', /not a category/],
    ['9111A000600037341L', /6-digit area/],
  ])('refuses the structure of %s', (code, problem) => {
    expect(usccProblem(code)).toMatch(problem)
    expect(() => parseUscc(code)).toThrow()
  })
})
