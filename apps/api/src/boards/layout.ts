import { html, type SafeHtml, trusted } from './html.js'

/** Paper a board is laid out for; A4 by default, A3 for a large 公开栏. */
export const PAPERS = ['A4', 'A3'] as const
export type Paper = (typeof PAPERS)[number]

/** Printable width and the type size per paper (A3 is the A4 layout scaled up by √2). */
const SIZES: Record<Paper, { width: string; base: string; qr: string }> = {
  A4: { width: '180mm', base: '10.5pt', qr: '34mm' },
  A3: { width: '267mm', base: '15pt', qr: '48mm' },
}

/**
 * The CJK faces Debian's fonts-noto-cjk installs, then the usual ones elsewhere. Named, never
 * fetched: the page loads nothing from the network (the PDF renderer blocks every request).
 */
const FONTS =
  '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif'
const SERIF = '"Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", "SimSun", serif'

function styles(paper: Paper): string {
  const size = SIZES[paper]
  return `
@page { size: ${paper} portrait; margin: 15mm; }
* { box-sizing: border-box; }
html { font-family: ${FONTS}; font-size: ${size.base}; color: #000; background: #fff; }
body { margin: 0; }
.sheet { width: ${size.width}; margin: 0 auto; padding: 6mm 0; }
header { display: flex; justify-content: space-between; align-items: flex-start; gap: 6mm;
  border-bottom: 0.6mm solid #b00; padding-bottom: 3mm; margin-bottom: 4mm; }
h1 { font-family: ${SERIF}; font-size: 2.1em; margin: 0 0 2mm; color: #b00; letter-spacing: 0.08em; }
h2 { font-size: 1.2em; margin: 5mm 0 1.5mm; border-left: 1.2mm solid #b00; padding-left: 2mm; }
.meta { margin: 0; line-height: 1.7; }
.meta dt { display: inline; font-weight: bold; }
.meta dd { display: inline; margin: 0 1.2em 0 0.3em; }
.qr { width: ${size.qr}; flex: none; text-align: center; font-size: 0.8em; }
.qr svg { width: ${size.qr}; height: ${size.qr}; display: block; }
table { width: 100%; border-collapse: collapse; margin-bottom: 2mm; }
th, td { border: 0.25mm solid #444; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #f3e3e3; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.amount, th.amount { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 0.5mm solid #000; }
.empty { color: #555; font-style: italic; }
footer { margin-top: 6mm; border-top: 0.3mm solid #444; padding-top: 2mm; font-size: 0.85em; line-height: 1.6; }
.hash { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; word-break: break-all; }
@media screen { body { background: #eee; } .sheet { background: #fff; padding: 10mm; margin: 5mm auto; } }
`
}

export interface BoardPage {
  paper: Paper
  /** The document title (the browser's tab, the PDF's title). */
  title: string
  header: SafeHtml
  qr: SafeHtml
  body: SafeHtml
  footer: SafeHtml
}

/** One whole HTML document; everything in it is already escaped by `html`. */
export function boardDocument(page: BoardPage): string {
  return html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<style>${trusted(styles(page.paper))}</style>
</head>
<body>
<main class="sheet">
<header><div>${page.header}</div><div class="qr">${page.qr}</div></header>
${page.body}
<footer>${page.footer}</footer>
</main>
</body>
</html>
`.text
}
