import { describe, expect, it } from 'vitest'
import { idNumberProblem } from '../inputs.js'
import { hashIdNumber, maskIdNumber, maskPhone } from './personal-data.js'

describe('personal data', () => {
  it('masks mobiles and landlines', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('0533-1234567')).toBe('****4567')
    expect(maskPhone(null)).toBeNull()
  })
  it('masks ID numbers down to their last four', () => {
    expect(maskIdNumber('002X')).toBe('**************002X')
    expect(maskIdNumber(null)).toBeNull()
  })
  it('hashes with the key: same number and key match, another key does not, and case is folded', () => {
    const a = hashIdNumber('11010519491231002X', 'k1')
    expect(hashIdNumber('11010519491231002x', 'k1')).toBe(a)
    expect(hashIdNumber('11010519491231002X', 'k2')).not.toBe(a)
    expect(a).not.toContain('110105')
  })
  it('checks the ID number’s shape and check character (GB 11643)', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull()
    expect(idNumberProblem('110105194912310021')).toMatch(/check character/)
    expect(idNumberProblem('1101051949123100')).toMatch(/17 digits/)
  })
})
