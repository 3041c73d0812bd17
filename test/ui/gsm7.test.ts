import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { foldToGsm7, gsm7Length, isGsm7, smsEncoding } from '../../src/ui/index.js'

describe('GSM-7 checker', () => {
  it('accepts the basic table, counts extension characters as two septets', () => {
    expect(isGsm7('Hello @ £1 Ça va? ¿Qué? Straße Ñandú äöü')).toBe(false) // ú is not GSM-7
    expect(isGsm7('Hello @ £1 Ça va? ¿Qué? Straße Ñandu äöü')).toBe(true)
    expect(gsm7Length('abc')).toBe(3)
    expect(gsm7Length('€10 [x] {y} ~ ^ | \\')).toBe(28)
    expect(gsm7Length('Hà Nội')).toBeUndefined()
    expect(isGsm7('\u001b')).toBe(false) // the escape code itself is not a character
  })

  it('counts segments: 160/153 septets for GSM-7, 70/67 code units for UCS-2', () => {
    expect(smsEncoding('a'.repeat(160))).toEqual({ encoding: 'gsm7', length: 160, segments: 1 })
    expect(smsEncoding('a'.repeat(161))).toEqual({ encoding: 'gsm7', length: 161, segments: 2 })
    expect(smsEncoding(`${'a'.repeat(159)}€`)).toEqual({ encoding: 'gsm7', length: 161, segments: 2 })
    expect(smsEncoding('ệ'.repeat(70))).toEqual({ encoding: 'ucs2', length: 70, segments: 1 })
    expect(smsEncoding('ệ'.repeat(71))).toEqual({ encoding: 'ucs2', length: 71, segments: 2 })
    expect(smsEncoding('ệ'.repeat(135))).toEqual({ encoding: 'ucs2', length: 135, segments: 3 })
    expect(smsEncoding('').segments).toBe(0)
  })

  it('folds accents outside GSM-7 and typographic punctuation, keeps GSM-7 letters', () => {
    expect(foldToGsm7('¿Está en camino? Intentó')).toBe('¿Esta en camino? Intento')
    expect(foldToGsm7('Livré à l’adresse « maison » — où ? ça ')).toBe(
      'Livré à l\'adresse " maison " - où ? ca ',
    )
    expect(foldToGsm7('Zugestellt – Straße, Öffnungszeiten…')).toBe('Zugestellt - Straße, Öffnungszeiten...')
    expect(foldToGsm7('œuvre')).toBe('oeuvre')
    expect(isGsm7(foldToGsm7('Êtes-vous prêt ? Où est mon colis ?'))).toBe(true)
  })

  it('folding is idempotent and never produces a longer non-GSM text from GSM-7 input (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const once = foldToGsm7(text)
        expect(foldToGsm7(once)).toBe(once)
        if (isGsm7(text)) expect(once).toBe(text.normalize('NFC'))
      }),
    )
  })
})
