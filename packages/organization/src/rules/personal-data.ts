import { createHmac } from 'node:crypto'

/** `13812345678` → `138****5678`; short landlines keep only their last four. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null
  const digits = phone.replace(/-/g, '')
  return /^1[3-9][0-9]{9}$/.test(digits)
    ? `${digits.slice(0, 3)}****${digits.slice(7)}`
    : `****${digits.slice(-4)}`
}

/** The masked form of an ID number from its last four characters. */
export function maskIdNumber(last4: string | null): string | null {
  return last4 === null ? null : `${'*'.repeat(14)}${last4}`
}

/** Keyed hash: equal numbers match within a deployment, yet the table alone reveals nothing. */
export function hashIdNumber(idNumber: string, key: string): string {
  return createHmac('sha256', key).update(idNumber.toUpperCase()).digest('hex')
}
