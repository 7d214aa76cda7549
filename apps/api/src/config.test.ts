import { describe, expect, it } from 'vitest'
import { loadConfig, testConfig } from './config.js'

describe('LIANCUN_PG_STATEMENT_CACHE', () => {
  it('is on unless set to 0, false or off', () => {
    expect(loadConfig({}).pgStatementCache).toBe(true)
    for (const on of ['1', 'true', 'on', '']) {
      expect(loadConfig({ LIANCUN_PG_STATEMENT_CACHE: on }).pgStatementCache).toBe(true)
    }
    for (const off of ['0', 'false', 'off']) {
      expect(loadConfig({ LIANCUN_PG_STATEMENT_CACHE: off }).pgStatementCache).toBe(false)
    }
    expect(testConfig().pgStatementCache).toBe(true)
  })

  it('refuses anything else, naming the variable', () => {
    expect(() => loadConfig({ LIANCUN_PG_STATEMENT_CACHE: 'yes' })).toThrow(/LIANCUN_PG_STATEMENT_CACHE/)
  })
})
