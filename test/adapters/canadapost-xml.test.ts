/** parseXmlBody (src/adapter/xml.ts), the one XML reader of XML carriers, first used by Canada Post. Namespace prefixes and xmlns attributes are dropped. */
import { describe, expect, it } from 'vitest'
import { parseXmlBody } from '../../src/adapter/index.js'

describe('parseXmlBody', () => {
  it('reads elements, repeats as arrays, attributes, and keeps values as strings (leading zeros)', () => {
    const out = parseXmlBody(
      '<?xml version="1.0"?><a xmlns="x"><b>0012 &amp; x</b><b>2</b><c k="v">t</c></a>',
      't',
    )
    expect(out.a).toEqual({ b: ['0012 & x', '2'], c: { '#text': 't', '@_k': 'v' } })
  })
  // Regression guard: a DOCTYPE with nested entities (billion laughs) must never be expanded.
  it('refuses a body that declares a DOCTYPE', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xx"><!ENTITY y "&x;&x;">]><a>&y;</a>'
    expect(() => parseXmlBody(bomb, 'Canada Post answer')).toThrow(/DOCTYPE/)
  })
  it('refuses a body that is not XML, naming what it was', () => {
    expect(() => parseXmlBody('{"json":true}', 'Canada Post answer')).toThrow(
      /Canada Post answer body is not XML/,
    )
  })
})
