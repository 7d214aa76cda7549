import { createHash } from 'node:crypto'
import { html, type SafeHtml } from './html.js'

/**
 * sha256 of a disclosure's JSON text, hex — the construction of 晒财务 (ledger's
 * createDisclosure: `createHash('sha256').update(JSON.stringify(content)).digest('hex')`).
 */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** Where the board is posted: 镇 and 村 by name with the village's code. */
export interface Place {
  villageCode: string
  villageName: string | null
  townshipName: string | null
}

export function placeLabel(place: Place): string {
  const names = [place.townshipName, place.villageName].filter(Boolean).join(' ')
  return names ? `${names}（${place.villageCode}）` : place.villageCode
}

/** An instant as 北京时间, to the minute. */
export function instantLabel(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}（北京时间）`
}

/** Meta lines (term: value) of a board's header. */
export function meta(items: [string, string | SafeHtml][]): SafeHtml {
  return html`<dl class="meta">${items.map(([term, value]) => html`<div><dt>${term}：</dt><dd>${value}</dd></div>`)}</dl>`
}

/** The footer every board ends with: the hash, the record it belongs to, and how to check it. */
export function verificationFooter(input: {
  sha256: string
  recordUrl: string
  id: string
  hashNote: string
  intact: boolean
}): SafeHtml {
  const warning = input.intact
    ? null
    : html`<p><strong>警告：本内容与记录的哈希不一致，请向乡镇农经站反映。</strong></p>`
  return html`${warning}<p>公开内容 SHA-256（${input.hashNote}）：<span class="hash" data-sha256>${input.sha256}</span></p>
<p>扫描二维码或访问以下地址，核对本公开的原始记录：<span class="hash" data-record-url>${input.recordUrl}</span></p>
<p>记录编号：<span class="hash">${input.id}</span></p>`
}
