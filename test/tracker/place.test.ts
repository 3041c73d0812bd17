/** Places in proper case: what carriers send in capitals reads as a customer expects it, codes stay codes. */
import { describe, expect, it } from 'vitest'
import { describe as describeEvent } from '../../src/tracker/describe.js'
import {
  cityName,
  cityOnly,
  countryName,
  place,
  regionName,
  titleCasePlace,
} from '../../src/tracker/messages/place.js'
import { ev } from './build.js'

describe('city names in proper case (regression: the page wrote "Austin Tx")', () => {
  it.each([
    ['AUSTIN, TX', 'Austin, TX'],
    ['SAINT-DENIS', 'Saint-Denis'],
    ['MC ALLEN', 'McAllen'],
    ['MCALLEN', 'McAllen'],
    ['NEW YORK CITY', 'New York City'],
    ["O'FALLON", "O'Fallon"],
    ['O\u2019FALLON', 'O\u2019Fallon'],
    ['ST. LOUIS', 'St. Louis'],
    ["ST. MARY'S", "St. Mary's"],
    ["D'IBERVILLE", "D'Iberville"],
    ['BOULOGNE-SUR-MER', 'Boulogne-sur-Mer'],
    ['RIO DE JANEIRO', 'Rio de Janeiro'],
    ['FRANKFURT AM MAIN', 'Frankfurt am Main'],
    ['LA PORTE', 'La Porte'],
    ['ÉVRY-COURCOURONNES', 'Évry-Courcouronnes'],
    ['ÖSTERSUND', 'Östersund'],
    ['ΑΘΗΝΑ', 'Αθηνα'],
    ['austin', 'Austin'],
    ['29 PALMS', '29 Palms'],
  ])('%s → %s', (input, expected) => {
    expect(cityName(input)).toBe(expected)
  })

  it('leaves names already in mixed case exactly as the carrier wrote them', () => {
    for (const name of [
      'McAllen',
      'DeKalb',
      'deKalb',
      'Saint-Denis',
      'La Cañada Flintridge',
      "Coeur d'Alene",
    ])
      expect(cityName(name)).toBe(name)
  })

  it('leaves scripts without case alone', () => {
    expect(cityName('北京')).toBe('北京')
    expect(cityName('กรุงเทพมหานคร')).toBe('กรุงเทพมหานคร')
  })

  it('uses Turkish casing for a Turkish place (dotted and dotless i)', () => {
    expect(titleCasePlace('İZMİR', 'TR')).toBe('İzmir')
    expect(titleCasePlace('DİYARBAKIR', 'TR')).toBe('Diyarbakır')
  })
})

describe('regions and countries', () => {
  it('upper-cases region codes and title-cases region names', () => {
    expect(regionName('tx')).toBe('TX')
    expect(regionName('ON')).toBe('ON')
    expect(regionName('NSW')).toBe('NSW')
    expect(regionName('NEW SOUTH WALES')).toBe('New South Wales')
    expect(regionName('Île-de-France')).toBe('Île-de-France')
  })

  it('names the country in the reader language, whatever the case of its code', () => {
    expect(countryName('us', 'en')).toBe('United States')
    expect(countryName('DE', 'fr')).toBe('Allemagne')
    expect(countryName('XQ', 'en')).toBe('XQ')
  })
})

describe('place()', () => {
  it('joins city, region and country, saying a region the city already carries once', () => {
    expect(place({ city: 'AUSTIN, TX', region: 'TX', countryCode: 'US' }, 'en')).toBe(
      'Austin, TX, United States',
    )
    expect(place({ city: 'ST. LOUIS', region: 'mo', countryCode: 'us' }, 'en')).toBe(
      'St. Louis, MO, United States',
    )
    expect(place({ city: 'SAINT-DENIS', countryCode: 'FR' }, 'es')).toBe('Saint-Denis, Francia')
    expect(place({ countryCode: 'VN' }, 'vi')).toBe('Việt Nam')
    expect(place({}, 'en')).toBeUndefined()
    expect(place(undefined, 'en')).toBeUndefined()
  })

  it('gives the city alone for a headline', () => {
    expect(cityOnly({ city: 'MC ALLEN, TX', countryCode: 'US' })).toBe('McAllen')
    expect(cityOnly({ region: 'TX', countryCode: 'US' })).toBeUndefined()
  })

  it('is what describe(event) shows as where', () => {
    const event = ev('arrived_at_facility', '2024-03-26T10:58:00-05:00', {
      location: { city: "O'FALLON", region: 'mo', countryCode: 'US' },
    })
    expect(describeEvent(event, { locale: 'en' }).where).toBe("O'Fallon, MO, United States")
  })
})
