import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../src/errors/index.js'
import { DARK_BACKGROUND, LIGHT_BACKGROUND } from '../../src/ui/contrast.js'
import { brandPalette, contrastRatio, DEFAULT_ACCENT_DARK, DEFAULT_ACCENT_LIGHT } from '../../src/ui/index.js'

describe('WCAG contrast', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
    expect(contrastRatio('#fff', '#fff')).toBe(1)
  })

  it('default accents reach 4.5:1 on both backgrounds', () => {
    expect(contrastRatio(DEFAULT_ACCENT_LIGHT, LIGHT_BACKGROUND)).toBeGreaterThanOrEqual(4.5)
    expect(contrastRatio(DEFAULT_ACCENT_DARK, DARK_BACKGROUND)).toBeGreaterThanOrEqual(4.5)
  })

  it('falls back per scheme when a brand colour fails contrast', () => {
    const gold = brandPalette('#ffd700')
    expect(gold).toMatchObject({
      brandLight: false,
      accentLight: DEFAULT_ACCENT_LIGHT,
      brandDark: true,
      accentDark: '#ffd700',
    })
    const green = brandPalette('#0B6E4F')
    expect(green).toMatchObject({
      brandLight: true,
      accentLight: '#0b6e4f',
      brandDark: false,
      accentDark: DEFAULT_ACCENT_DARK,
    })
    expect(brandPalette(undefined)).toMatchObject({ brandLight: false, brandDark: false })
  })

  it('text on an accent surface is whichever of black or white contrasts more, and reaches 4.5:1', () => {
    for (const color of ['#ffd700', '#0b6e4f', '#e11d48', '#7c3aed', '#000000', '#ffffff', '#808080']) {
      const p = brandPalette(color)
      expect(contrastRatio(p.onAccentLight, p.accentLight)).toBeGreaterThanOrEqual(4.5)
      expect(contrastRatio(p.onAccentDark, p.accentDark)).toBeGreaterThanOrEqual(4.5)
      expect(contrastRatio(p.accentLight, LIGHT_BACKGROUND)).toBeGreaterThanOrEqual(4.5)
      expect(contrastRatio(p.accentDark, DARK_BACKGROUND)).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('rejects a colour that is not hex with a ValidationError, not a TypeError', () => {
    expect(() => contrastRatio('red', '#fff')).toThrow(ValidationError)
  })
})
