import { describe, expect, it } from 'vitest'
import { escapeHtml, html, trusted } from './html.js'

describe('html templates escape by default', () => {
  it('escapes each character that could open markup or leave an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\`</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
    )
    expect(escapeHtml('李孟德村 12000.00')).toBe('李孟德村 12000.00')
  })

  it('escapes every interpolated string, in content and in attributes', () => {
    const name = '<script>alert(1)</script>'
    expect(html`<td title="${name}">${name}</td>`.text).toBe(
      '<td title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</td>',
    )
    expect(html`<td>${'" onmouseover="x'}</td>`.text).toBe('<td>&quot; onmouseover=&quot;x</td>')
  })

  it('keeps nested templates and trusted markup as they are, and joins arrays', () => {
    const cells = ['<1>', '2'].map((v) => html`<td>${v}</td>`)
    expect(html`<tr>${cells}</tr>`.text).toBe('<tr><td>&lt;1&gt;</td><td>2</td></tr>')
    expect(html`<div>${trusted('<svg></svg>')}</div>`.text).toBe('<div><svg></svg></div>')
    expect(String(html`<i>${'&'}</i>`)).toBe('<i>&amp;</i>')
  })

  it('prints numbers, drops null, undefined and false, and prints true', () => {
    expect(html`${0}|${12n}|${null}|${undefined}|${false}|${true}`.text).toBe('0|12||||true')
  })
})
