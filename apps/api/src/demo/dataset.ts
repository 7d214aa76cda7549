export interface DemoDivision {
  code: string
  name: string
  kind: 'county' | 'township' | 'village' | 'community'
  population?: number
  households?: number
  adults?: number
}
export interface DemoPartner {
  key: string
  name: string
  kind:
    | 'enterprise'
    | 'public_institution'
    | 'agency'
    | 'urban_community'
    | 'social_organization'
    | 'cooperative'
  countyCode: string
  uscc?: string
}
export interface DemoPerson {
  key: string
  name: string
  villageCode: string
  gender?: 'male' | 'female'
}
export interface DemoVillagePost {
  villageCode: string
  body: 'party_branch' | 'village_committee' | 'supervision_committee'
  title: string
  personKey: string
  from: string
}
export interface DemoAllianceMember {
  villageCode?: string
  partnerKey?: string
  role: 'lead' | 'member'
  from: string
}
export interface DemoAlliancePost {
  personKey: string
  title: 'secretary' | 'deputy_secretary' | 'committee_member'
  source: 'township_cadre' | 'member_village_secretary' | 'partner_leader' | 'other'
  from: string
}
export interface DemoAlliance {
  key: string
  name: string
  townshipCode: string
  mode: 'strong_leads_weak' | 'mutual_aid' | 'village_enterprise' | 'urban_rural'
  form?: '1+1' | '1+N'
  level: 'party_committee' | 'general_branch' | 'branch' | 'league'
  establishedOn: string
  note: string
  members: DemoAllianceMember[]
  posts: DemoAlliancePost[]
}
export interface DemoDataset {
  source: string
  codesNote: string
  divisions: DemoDivision[]
  partners: DemoPartner[]
  people: DemoPerson[]
  villagePosts: DemoVillagePost[]
  alliances: DemoAlliance[]
}
export const demoDataset: DemoDataset = {
  source: '',
  codesNote: '',
  divisions: [],
  partners: [],
  people: [],
  villagePosts: [],
  alliances: [],
}
