import { describe, expect, it } from 'vitest'
import {
  checkJoinDate,
  checkLeave,
  checkPartnerJoin,
  checkVillageJoin,
  type MemberRange,
} from './alliance-membership.js'

const alliance = { id: 'a', countyCode: '370322', form: null, establishedOn: '2019-01-01' }
const village = { code: '370322104201', name: '仇家村', countyCode: '370322' }
const villageMember = (
  villageCode: string,
  role: string,
  from: string,
  to: string | null = null,
): MemberRange => ({
  villageCode,
  partnerId: null,
  role,
  from,
  to,
})
const code = (c: string) => expect.objectContaining({ code: c })

describe('checkJoinDate', () => {
  it('refuses joining before the founding date', () => {
    expect(() => checkJoinDate(alliance, '2018-12-31')).toThrow(
      code('organization.member_before_establishment'),
    )
    expect(() => checkJoinDate(alliance, '2019-01-01')).not.toThrow()
  })
})

describe('checkVillageJoin', () => {
  const join =
    (over: Partial<Parameters<typeof checkVillageJoin>[0]> = {}) =>
    () =>
      checkVillageJoin({
        alliance,
        village,
        villageMemberships: [],
        members: [],
        input: { role: 'member', from: '2024-01-01' },
        ...over,
      })

  it('keeps members in the alliance’s county', () => {
    expect(join({ village: { ...village, countyCode: '370323' } })).toThrow(
      code('organization.member_outside_county'),
    )
  })

  it('keeps a village in one alliance on any date, and names the other one', () => {
    const other = { member: { allianceId: 'b', from: '2020-01-01', to: null }, allianceName: 'B' }
    expect(join({ villageMemberships: [other] })).toThrow(
      expect.objectContaining({
        code: 'organization.village_in_other_alliance',
        context: { otherAllianceId: 'b', otherAllianceName: 'B' },
      }),
    )
    const ended = { member: { allianceId: 'b', from: '2020-01-01', to: '2023-12-31' }, allianceName: 'B' }
    expect(join({ villageMemberships: [ended] })).not.toThrow()
    const same = { member: { allianceId: 'a', from: '2020-01-01', to: null }, allianceName: 'A' }
    expect(join({ villageMemberships: [same] })).toThrow(code('organization.already_member'))
  })

  it('holds a 1+1 alliance to two villages on any day', () => {
    const pair = { ...alliance, form: '1+1' }
    const two = [villageMember('1', 'lead', '2019-01-01'), villageMember('2', 'member', '2019-01-01')]
    expect(join({ alliance: pair, members: two })).toThrow(code('organization.one_plus_one_size'))
    const oneLeft = [
      villageMember('1', 'lead', '2019-01-01'),
      villageMember('2', 'member', '2019-01-01', '2023-12-31'),
    ]
    expect(join({ alliance: pair, members: oneLeft })).not.toThrow()
  })

  it('allows one lead village at a time', () => {
    const lead = [villageMember('1', 'lead', '2019-01-01')]
    expect(join({ members: lead, input: { role: 'lead', from: '2024-01-01' } })).toThrow(
      code('organization.lead_already_set'),
    )
    expect(join({ members: lead })).not.toThrow()
  })
})

describe('checkPartnerJoin', () => {
  const partner = { id: 'p', countyCode: '370322' }
  it('keeps partners in the county and joins them once', () => {
    expect(() =>
      checkPartnerJoin({
        alliance,
        partner: { ...partner, countyCode: '370323' },
        members: [],
        from: '2024-01-01',
      }),
    ).toThrow(code('organization.member_outside_county'))
    const members = [{ villageCode: null, partnerId: 'p', role: 'member', from: '2020-01-01', to: null }]
    expect(() => checkPartnerJoin({ alliance, partner, members, from: '2024-01-01' })).toThrow(
      code('organization.already_member'),
    )
  })
})

describe('checkLeave', () => {
  it('leaves once, not before joining', () => {
    expect(() => checkLeave({ from: '2020-01-01', to: '2021-01-01' }, '2022-01-01')).toThrow(
      code('organization.member_already_left'),
    )
    expect(() => checkLeave({ from: '2020-01-01', to: null }, '2019-12-31')).toThrow(
      code('organization.end_before_start'),
    )
  })
})
