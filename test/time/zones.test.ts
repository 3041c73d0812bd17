import { getCountry } from 'countries-and-timezones'
import { IANAZone } from 'luxon'
import { describe, expect, it } from 'vitest'
import { normalizeTime, zoneForLocation } from '../../src/time/index.js'
import { SAME_CLOCK_COUNTRIES } from '../../src/time/regions-world.js'

type Row = [string, string | undefined, string | undefined, string | undefined, string | undefined]
// [country, region, postalCode, city, expected zone]
const check = (rows: Row[]) =>
  it.each(rows)('%s / %s / %s / %s → %s', (countryCode, region, postalCode, city, zone) => {
    expect(zoneForLocation({ countryCode, region, postalCode, city })).toBe(zone)
  })

describe('zoneForLocation: single-zone countries (countries-and-timezones)', () => {
  check([
    ['FR', undefined, undefined, undefined, 'Europe/Paris'],
    ['JP', undefined, undefined, undefined, 'Asia/Tokyo'],
    ['GB', undefined, undefined, undefined, 'Europe/London'],
    ['UK', undefined, undefined, undefined, 'Europe/London'],
    ['gbr', undefined, undefined, undefined, 'Europe/London'],
    // Linked zones are named as the country knows them, not by the canonical zone of another country.
    ['NO', undefined, undefined, undefined, 'Europe/Oslo'],
    ['SE', undefined, undefined, undefined, 'Europe/Stockholm'],
    ['IS', undefined, undefined, undefined, 'Atlantic/Reykjavik'],
    ['GH', undefined, undefined, undefined, 'Africa/Accra'],
    ['IN', 'Maharashtra', undefined, undefined, 'Asia/Kolkata'],
  ])
})

describe('zoneForLocation: countries it cannot decide give undefined', () => {
  check([
    ['ZZ', undefined, undefined, undefined, undefined],
    ['AQ', undefined, undefined, undefined, undefined],
    ['PF', 'Tahiti', undefined, undefined, undefined],
    ['US', undefined, undefined, undefined, undefined],
    ['US', 'Atlantis', undefined, undefined, undefined],
    ['RU', undefined, undefined, undefined, undefined],
    ['ES', undefined, undefined, undefined, undefined],
    ['BR', undefined, undefined, undefined, undefined],
  ])
  it('tolerates odd shapes without throwing', () => {
    expect(zoneForLocation(null as never)).toBeUndefined()
    expect(zoneForLocation({ countryCode: 42 as never })).toBeUndefined()
    expect(zoneForLocation({ countryCode: 'US', region: 'x'.repeat(10_000) })).toBeUndefined()
  })
})

describe('zoneForLocation: United States', () => {
  check([
    ['US', 'IL', undefined, undefined, 'America/Chicago'],
    ['US', 'Illinois', undefined, undefined, 'America/Chicago'],
    ['US', 'US-IL', undefined, undefined, 'America/Chicago'],
    ['USA', 'ny', undefined, undefined, 'America/New_York'],
    ['US', 'AZ', '85001', undefined, 'America/Phoenix'],
    ['US', 'Hawaii', undefined, undefined, 'Pacific/Honolulu'],
    ['US', 'PR', undefined, undefined, 'America/Puerto_Rico'],
    // State from the ZIP code when the region is missing or unknown.
    ['US', undefined, '10001', undefined, 'America/New_York'],
    ['US', undefined, '60601-1234', undefined, 'America/Chicago'],
    ['US', 'Atlantis', '94105', undefined, 'America/Los_Angeles'],
    ['US', undefined, '79901', undefined, 'America/Denver'],
    ['US', undefined, '96799', undefined, 'Pacific/Pago_Pago'],
    ['US', undefined, '00901', undefined, 'America/Puerto_Rico'],
  ])
})

describe('zoneForLocation: US states split between zones', () => {
  check([
    ['US', 'TX', '79901', undefined, 'America/Denver'],
    ['US', 'TX', '79836', undefined, 'America/Denver'],
    ['US', 'TX', '79830', undefined, 'America/Chicago'],
    ['US', 'TX', '75201', undefined, 'America/Chicago'],
    ['US', 'TX', undefined, 'El Paso', 'America/Denver'],
    ['US', 'TX', undefined, 'DALLAS', 'America/Chicago'],
    ['US', 'TX', undefined, undefined, undefined],
    ['US', 'TX', undefined, 'Smallville', undefined],
    ['US', 'FL', '32501', undefined, 'America/Chicago'],
    ['US', 'FL', '32401', undefined, 'America/Chicago'],
    ['US', 'FL', '32456', undefined, 'America/New_York'],
    ['US', 'FL', '32301', undefined, 'America/New_York'],
    ['US', 'FL', '33101', undefined, 'America/New_York'],
    ['US', 'FL', undefined, 'Pensacola', 'America/Chicago'],
    ['US', 'TN', '37201', undefined, 'America/Chicago'],
    ['US', 'TN', '38103', undefined, 'America/Chicago'],
    ['US', 'TN', '37902', undefined, 'America/New_York'],
    ['US', 'TN', '37402', undefined, 'America/New_York'],
    ['US', 'KY', '40202', undefined, 'America/Kentucky/Louisville'],
    ['US', 'KY', '40507', undefined, 'America/New_York'],
    ['US', 'KY', '42101', undefined, 'America/Chicago'],
    ['US', 'KY', '42633', undefined, 'America/Kentucky/Monticello'],
    ['US', 'IN', '46204', undefined, 'America/Indiana/Indianapolis'],
    ['US', 'IN', '46402', undefined, 'America/Chicago'],
    ['US', 'IN', '47708', undefined, 'America/Chicago'],
    ['US', 'MI', '48201', undefined, 'America/Detroit'],
    ['US', 'MI', '49858', undefined, 'America/Menominee'],
    ['US', 'MI', undefined, 'Ironwood', 'America/Menominee'],
    ['US', 'MI', undefined, undefined, 'America/Detroit'],
    ['US', 'ND', '58601', undefined, 'America/Denver'],
    ['US', 'ND', '58501', undefined, 'America/Chicago'],
    ['US', 'SD', '57701', undefined, 'America/Denver'],
    ['US', 'SD', '57104', undefined, 'America/Chicago'],
    ['US', 'NE', '69361', undefined, 'America/Denver'],
    ['US', 'NE', '69153', undefined, 'America/Denver'],
    ['US', 'NE', '68102', undefined, 'America/Chicago'],
    ['US', 'KS', '67735', undefined, 'America/Denver'],
    ['US', 'KS', '66101', undefined, 'America/Chicago'],
    ['US', 'KS', undefined, undefined, 'America/Chicago'],
    ['US', 'OR', '97914', undefined, 'America/Boise'],
    ['US', 'OR', '97201', undefined, 'America/Los_Angeles'],
    ['US', 'ID', '83814', undefined, 'America/Los_Angeles'],
    ['US', 'ID', '83501', undefined, 'America/Los_Angeles'],
    ['US', 'ID', '83702', undefined, 'America/Boise'],
    ['US', 'ID', undefined, undefined, undefined],
    ['US', 'NV', '89883', undefined, 'America/Denver'],
    ['US', 'NV', '89101', undefined, 'America/Los_Angeles'],
    ['US', 'AK', '99546', undefined, 'America/Adak'],
    ['US', 'AK', '99501', undefined, 'America/Anchorage'],
  ])
})

describe('zoneForLocation: Canada', () => {
  check([
    ['CA', 'ON', undefined, undefined, 'America/Toronto'],
    ['CA', 'Ontario', 'P9N 1A1', undefined, 'America/Winnipeg'],
    ['CA', 'ON', undefined, 'Kenora', 'America/Winnipeg'],
    ['CA', 'QC', undefined, undefined, 'America/Toronto'],
    ['CA', 'Québec', 'G4T 1A1', undefined, 'America/Halifax'],
    ['CA', 'BC', undefined, undefined, 'America/Vancouver'],
    ['CA', 'BC', 'V1C 2A1', undefined, 'America/Edmonton'],
    ['CA', 'AB', undefined, undefined, 'America/Edmonton'],
    ['CA', 'SK', undefined, undefined, 'America/Regina'],
    ['CA', 'SK', 'S9V 0A1', undefined, 'America/Edmonton'],
    ['CA', 'MB', undefined, undefined, 'America/Winnipeg'],
    ['CA', 'NB', undefined, undefined, 'America/Moncton'],
    ['CA', 'NS', undefined, undefined, 'America/Halifax'],
    ['CA', 'PE', undefined, undefined, 'America/Halifax'],
    ['CA', 'NL', 'A1C 5M2', undefined, 'America/St_Johns'],
    ['CA', 'NL', 'A0P 1E0', undefined, 'America/Goose_Bay'],
    ['CA', 'NL', undefined, "St. John's", 'America/St_Johns'],
    ['CA', 'NL', undefined, undefined, undefined],
    ['CA', 'NU', 'X0B 0C0', undefined, 'America/Cambridge_Bay'],
    ['CA', 'NU', undefined, undefined, undefined],
    ['CA', 'YT', undefined, undefined, 'America/Whitehorse'],
    ['CA', undefined, 'M5V 3L9', undefined, 'America/Toronto'],
    ['CA', undefined, 'T2P1J9', undefined, 'America/Edmonton'],
    ['CA', undefined, 'X0C 0G0', undefined, 'America/Rankin_Inlet'],
  ])
})

describe('zoneForLocation: Mexico, Brazil, Australia', () => {
  check([
    ['MX', 'CMX', undefined, undefined, 'America/Mexico_City'],
    ['MX', 'Jalisco', undefined, undefined, 'America/Mexico_City'],
    ['MX', 'ROO', undefined, undefined, 'America/Cancun'],
    ['MX', 'Sonora', undefined, undefined, 'America/Hermosillo'],
    ['MX', 'BCN', undefined, undefined, 'America/Tijuana'],
    ['MX', 'BCS', undefined, undefined, 'America/Mazatlan'],
    ['MX', 'YUC', undefined, undefined, 'America/Merida'],
    ['MX', 'NL', undefined, undefined, 'America/Monterrey'],
    ['MX', 'CHH', undefined, 'Ciudad Juárez', 'America/Ciudad_Juarez'],
    ['MX', 'CHH', '31000', undefined, 'America/Chihuahua'],
    ['MX', 'Tamaulipas', '88000', undefined, 'America/Matamoros'],
    ['MX', 'Tamaulipas', '89000', undefined, 'America/Monterrey'],
    ['MX', 'TAM', undefined, undefined, undefined],
    ['MX', 'NAY', undefined, 'Nuevo Vallarta', 'America/Bahia_Banderas'],
    ['BR', 'SP', undefined, undefined, 'America/Sao_Paulo'],
    ['BR', 'São Paulo', undefined, undefined, 'America/Sao_Paulo'],
    ['BR', 'AM', undefined, undefined, 'America/Manaus'],
    ['BR', 'AC', undefined, undefined, 'America/Rio_Branco'],
    ['BR', 'Mato Grosso do Sul', undefined, undefined, 'America/Campo_Grande'],
    ['BR', 'Mato Grosso', undefined, undefined, 'America/Cuiaba'],
    ['BR', 'PE', '53990-000', undefined, 'America/Noronha'],
    ['BR', 'PE', '50010-000', undefined, 'America/Recife'],
    ['AU', 'NSW', undefined, undefined, 'Australia/Sydney'],
    ['AU', 'NSW', '2880', undefined, 'Australia/Broken_Hill'],
    ['AU', 'QLD', undefined, undefined, 'Australia/Brisbane'],
    ['AU', 'Western Australia', undefined, undefined, 'Australia/Perth'],
    ['AU', 'SA', undefined, undefined, 'Australia/Adelaide'],
    ['AU', 'Northern Territory', undefined, undefined, 'Australia/Darwin'],
    ['AU', 'ACT', undefined, undefined, 'Australia/Sydney'],
    ['AU', 'TAS', undefined, undefined, 'Australia/Hobart'],
  ])
})

describe('zoneForLocation: Russia and the other multi-zone countries', () => {
  check([
    ['RU', 'MOW', undefined, undefined, 'Europe/Moscow'],
    ['RU', 'RU-SPE', undefined, undefined, 'Europe/Moscow'],
    ['RU', 'Saint Petersburg', undefined, undefined, 'Europe/Moscow'],
    ['RU', 'Republic of Tatarstan', undefined, undefined, 'Europe/Moscow'],
    ['RU', 'KGD', undefined, undefined, 'Europe/Kaliningrad'],
    ['RU', 'Samara Oblast', undefined, undefined, 'Europe/Samara'],
    ['RU', 'Sverdlovsk Oblast', undefined, undefined, 'Asia/Yekaterinburg'],
    ['RU', 'Novosibirsk', undefined, undefined, 'Asia/Novosibirsk'],
    ['RU', 'Primorsky Krai', undefined, undefined, 'Asia/Vladivostok'],
    ['RU', 'KAM', undefined, undefined, 'Asia/Kamchatka'],
    ['ID', 'JK', undefined, undefined, 'Asia/Jakarta'],
    ['ID', 'Bali', undefined, undefined, 'Asia/Makassar'],
    ['ID', 'Papua', undefined, undefined, 'Asia/Jayapura'],
    ['ID', 'Kalimantan Barat', undefined, undefined, 'Asia/Pontianak'],
    ['CD', 'Kinshasa', undefined, undefined, 'Africa/Kinshasa'],
    ['CD', 'Haut-Katanga', undefined, undefined, 'Africa/Lubumbashi'],
    ['ES', 'Madrid', undefined, undefined, 'Europe/Madrid'],
    ['ES', undefined, '35001', undefined, 'Atlantic/Canary'],
    ['ES', undefined, '28001', undefined, 'Europe/Madrid'],
    ['ES', 'Canarias', undefined, undefined, 'Atlantic/Canary'],
    ['PT', undefined, '9000-123', undefined, 'Atlantic/Madeira'],
    ['PT', undefined, '9500-100', undefined, 'Atlantic/Azores'],
    ['PT', undefined, '1000-001', undefined, 'Europe/Lisbon'],
    ['NZ', 'Auckland', undefined, undefined, 'Pacific/Auckland'],
    ['NZ', undefined, '8942', undefined, 'Pacific/Chatham'],
    ['EC', 'Galápagos', undefined, undefined, 'Pacific/Galapagos'],
    ['EC', 'Pichincha', undefined, undefined, 'America/Guayaquil'],
    ['CL', 'Magallanes', undefined, undefined, 'America/Punta_Arenas'],
    ['CL', 'Valparaíso', undefined, 'Hanga Roa', 'Pacific/Easter'],
    ['CL', 'Santiago Metropolitan', undefined, undefined, 'America/Santiago'],
    ['UA', 'Crimea', undefined, undefined, 'Europe/Simferopol'],
    ['UA', 'Lviv', undefined, undefined, 'Europe/Kyiv'],
    ['MN', 'Khovd', undefined, undefined, 'Asia/Hovd'],
    ['MN', 'Ulaanbaatar', undefined, undefined, 'Asia/Ulaanbaatar'],
    ['PG', 'Bougainville', undefined, undefined, 'Pacific/Bougainville'],
    ['DE', undefined, undefined, undefined, 'Europe/Berlin'],
    ['DE', undefined, '78266', undefined, 'Europe/Busingen'],
    ['CN', undefined, undefined, undefined, 'Asia/Shanghai'],
    ['KZ', undefined, undefined, undefined, 'Asia/Almaty'],
  ])
})

describe('same-clock countries', () => {
  // Guards the claim behind SAME_CLOCK_COUNTRIES: every zone the dataset lists for the country keeps the same
  // offset as the chosen zone, day by day over 2025-2027. China is excluded on purpose (one legal time).
  const countries = Object.entries(SAME_CLOCK_COUNTRIES).filter(([c]) => c !== 'CN')
  it.each(countries)('%s: every dataset zone keeps the clock of %s', (country, chosen) => {
    const zones = getCountry(country)?.timezones ?? []
    expect(zones.length).toBeGreaterThan(1)
    const chosenZone = IANAZone.create(chosen)
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += 86_400_000) {
      for (const zone of zones)
        expect(IANAZone.create(zone).offset(t), `${zone} on ${new Date(t).toISOString()}`).toBe(
          chosenZone.offset(t),
        )
    }
  })
})

describe('normalizeTime with inferred zones', () => {
  it('El Paso (Mountain) and Dallas (Central) local times differ by an hour', () => {
    const local = { date: '20240715', time: '0900' }
    expect(
      normalizeTime({ ...local, location: { countryCode: 'US', region: 'TX', postalCode: '79901' } })
        .occurredAt,
    ).toBe('2024-07-15T09:00:00-06:00')
    expect(
      normalizeTime({ ...local, location: { countryCode: 'US', region: 'TX', postalCode: '75201' } })
        .occurredAt,
    ).toBe('2024-07-15T09:00:00-05:00')
  })

  it('Arizona has no DST (America/Phoenix) while Denver does', () => {
    const local = { date: '20240715', time: '0900' }
    expect(normalizeTime({ ...local, location: { countryCode: 'US', region: 'AZ' } }).occurredAt).toBe(
      '2024-07-15T09:00:00-07:00',
    )
    expect(normalizeTime({ ...local, location: { countryCode: 'US', region: 'CO' } }).occurredAt).toBe(
      '2024-07-15T09:00:00-06:00',
    )
  })
})

describe('region tables', () => {
  it('regression: every zone named in the tables exists in this runtime (a typo would silently give undefined)', async () => {
    const { readFileSync, readdirSync } = await import('node:fs')
    const dir = new URL('../../src/time/', import.meta.url)
    const names = new Set<string>()
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(new URL(file, dir), 'utf8')
      for (const m of text.matchAll(
        /'((?:Africa|America|Asia|Atlantic|Australia|Europe|Indian|Pacific)\/[A-Za-z_/-]+)'/g,
      )) {
        names.add(m[1] as string)
      }
    }
    expect(names.size).toBeGreaterThan(100)
    const unknown = [...names].filter((name) => !IANAZone.isValidZone(name))
    expect(unknown).toEqual([])
  })
})
