import { describe, expect, it } from 'vitest'
import {
  organizationCodeCheckCharacter,
  parseUscc,
  USCC_DEPARTMENTS,
  Uscc,
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

describe('USCC: known-answer vectors', () => {
  // Registered codes of well-known companies, and the GB 32100 / GB 11714 examples: both check
  // characters are the published ones, so a change to the alphabet, the weights or the MOD
  // arithmetic shows here.
  it.each([
    ['91110000600037341L'], // GB 32100-2015 example
    ['91350100M000100Y43'], // a letter inside the organisation code
    ['914403001922038216'],
    ['91440300708461136T'],
    ['91330100716105852F'],
    ['91110108551385082Q'],
  ])('%s passes both checks', (code) => {
    expect(usccCheckCharacter(code.slice(0, 17))).toBe(code[17])
    expect(organizationCodeCheckCharacter(code.slice(8, 16))).toBe(code[16])
    expect(parseUscc(code)).toEqual({
      code,
      department: code[0],
      category: code[1],
      registrationArea: code.slice(2, 8),
      organizationCode: code.slice(8, 17),
      villageCollective: false,
      warnings: [],
    })
  })

  it.each([
    ['D2143569', 'X'], // GB 11714 example: check 10 is written X
    ['00000000', '0'], // check 11 is written 0
    ['60003734', '1'],
    ['12345678', '8'],
    ['MA3C4D5E', '7'],
  ])('organisation code %s has check character %s', (body, check) => {
    expect(organizationCodeCheckCharacter(body)).toBe(check)
  })

  it('has the MOD-31 check character 0 when the weighted sum is a multiple of 31', () => {
    expect(usccCheckCharacter('00000000000000000')).toBe('0')
    expect(usccCheckCharacter('10000000000000000')).toBe('Y') // 1 × 1 → 31 − 1 = 30 → Y
    expect(usccCheckCharacter('Y0000000000000000')).toBe('1') // 30 × 1 → 1
    expect(usccCheckCharacter('00000000000000001')).toBe('3') // weight 28 → 31 − 28 = 3
  })

  it('marks only N2 codes as village collectives', () => {
    expect(parseUscc(withChecks('N2370322MA3C4D5E')).villageCollective).toBe(true)
    expect(parseUscc(withChecks('N1370322MA3C4D5E')).villageCollective).toBe(false)
    expect(parseUscc(withChecks('92370322MA3C4D5E')).villageCollective).toBe(false)
    expect(parseUscc(withChecks('52370322MA3C4D5E')).villageCollective).toBe(false)
  })

  it('reports both checksum failures, organisation code first', () => {
    const good = withChecks('N2370322MA3C4D5E')
    const bothWrong = `${good.slice(0, 16)}${good[16] === '0' ? '1' : '0'}${good[17] === '0' ? '1' : '0'}`
    const warnings = parseUscc(bothWrong).warnings
    expect(warnings[0]).toBe('organization_code_check_mismatch')
    expect(warnings).toHaveLength(usccCheckCharacter(bothWrong.slice(0, 17)) === bothWrong[17] ? 1 : 2)
  })

  it('has the registration departments and their categories of GB 32100', () => {
    expect(Object.fromEntries(Object.entries(USCC_DEPARTMENTS).map(([k, v]) => [k, v.categories]))).toEqual({
      '1': '1239',
      '2': '19',
      '3': '123459',
      '4': '19',
      '5': '1239',
      '6': '129',
      '7': '129',
      '8': '19',
      '9': '123',
      A: '19',
      N: '1239',
      Y: '1',
    })
    expect(USCC_DEPARTMENTS.N?.name).toBe('农业')
    expect(USCC_DEPARTMENTS['9']?.name).toBe('工商/市场监管')
  })

  it.each([
    ['91110000600037341', 'a USCC has exactly 18 characters'],
    ['91110000600037341LL', 'a USCC has exactly 18 characters'],
    ['91110000600037341O', 'character "O" is not allowed (digits and A–Y without I, O, S, V, Z)'],
    ['9111000060003734SL', 'character "S" is not allowed (digits and A–Y without I, O, S, V, Z)'],
    ['Z1110000600037341L', 'character "Z" is not allowed (digits and A–Y without I, O, S, V, Z)'],
    ['B1110000600037341L', '"B" is not a registration department code'],
    ['94110000600037341L', '"4" is not a category of registration department 9 (工商/市场监管)'],
    ['Y2110000600037341L', '"2" is not a category of registration department Y (其他)'],
    ['911A0000600037341L', 'characters 3–8 must be a 6-digit area code'],
    ['9111000060003734AL', 'characters 9–17 must be an organisation code'],
    ['91110000Y00037341L', null],
    ['9111000060003734XL', null],
  ])('%s → %s', (code, problem) => {
    expect(usccProblem(code)).toBe(problem)
  })

  it('throws core.invalid_uscc naming the code, and the field only when given', () => {
    try {
      parseUscc('B1110000600037341L', 'uscc')
      expect.unreachable()
    } catch (error) {
      expect(error).toMatchObject({
        code: 'core.invalid_uscc',
        kind: 'invalid',
        field: 'uscc',
        context: { code: 'B1110000600037341L' },
      })
    }
    try {
      parseUscc('B1110000600037341L')
      expect.unreachable()
    } catch (error) {
      expect((error as { field?: string }).field).toBeUndefined()
    }
    expect(Uscc.safeParse('B1110000600037341L').error?.issues[0]?.message).toBe(
      '"B" is not a registration department code',
    )
    expect(Uscc.parse('91110000600037341L')).toBe('91110000600037341L')
  })
})

describe('USCC: the departments by name', () => {
  it('names every registration department of GB 32100', () => {
    expect(Object.fromEntries(Object.entries(USCC_DEPARTMENTS).map(([k, v]) => [k, v.name]))).toEqual({
      '1': '机构编制',
      '2': '外交',
      '3': '司法行政',
      '4': '文化',
      '5': '民政',
      '6': '旅游',
      '7': '宗教',
      '8': '工会',
      '9': '工商/市场监管',
      A: '中央军委改革和编制办公室',
      N: '农业',
      Y: '其他',
    })
    expect(Uscc.safeParse('B1110000600037341L').error?.issues[0]?.code).toBe('custom')
  })
})
