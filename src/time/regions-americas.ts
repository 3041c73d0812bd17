/**
 * Canada, Mexico and Brazil: region → zone, with postal-code exceptions where a region is split.
 *
 * Sources: IANA tz database (`northamerica`, `southamerica`, `zone1970.tab` comments); Canada Post forward
 * sortation areas (first 3 characters of the postal code); Mexico's DOF decree of 2022-10-28 (border
 * municipalities keep US DST: America/Ciudad_Juarez, America/Ojinaga, America/Matamoros) and SEPOMEX postal
 * ranges (approximate, marked); Brazil per tz `zone1970.tab` (state lists per zone).
 */
import { byRegion, type CountryResolver, RegionTable } from './lookup.js'

/** `A1A 1A1` / `A1A1A1` / `A1A` → `A1A` (forward sortation area). */
function canadaFsa(raw: string): string | undefined {
  const m = /^([A-Z]\d[A-Z])(?:\d[A-Z]\d)?$/.exec(raw)
  return m?.[1]
}

const VAN = 'America/Vancouver'
const EDM = 'America/Edmonton'
const WPG = 'America/Winnipeg'
const TOR = 'America/Toronto'

const CA_REGIONS = new RegionTable([
  ['AB|Alberta', EDM],
  [
    'BC|British Columbia|Colombie-Britannique',
    {
      // East Kootenay (Cranbrook V1C) is Mountain; Peace River (Dawson Creek V1G, Fort St. John V1J, V0C) is MST all year.
      postal: {
        V1C: EDM,
        V1G: 'America/Dawson_Creek',
        V1J: 'America/Dawson_Creek',
        V0C: 'America/Dawson_Creek',
      },
      rest: VAN,
      cities: {
        [EDM]: 'Cranbrook|Golden|Invermere|Fernie|Kimberley',
        'America/Creston': 'Creston',
        'America/Dawson_Creek': 'Dawson Creek|Fort St John|Chetwynd',
        'America/Fort_Nelson': 'Fort Nelson',
      },
      majority: VAN,
    },
  ],
  ['MB|Manitoba', WPG],
  ['NB|New Brunswick|Nouveau-Brunswick', 'America/Moncton'],
  [
    'NL|NF|Newfoundland and Labrador|Terre-Neuve-et-Labrador|Newfoundland',
    {
      // Labrador (Happy Valley-Goose Bay A0P, Wabush/Churchill Falls A0R, Labrador City A2V) is Atlantic.
      postal: { A0P: 'America/Goose_Bay', A0R: 'America/Goose_Bay', A2V: 'America/Goose_Bay' },
      rest: 'America/St_Johns',
      cities: {
        'America/Goose_Bay': 'Happy Valley-Goose Bay|Goose Bay|Labrador City|Wabush|Churchill Falls|Nain',
        'America/St_Johns':
          "St. John's|Mount Pearl|Corner Brook|Gander|Grand Falls-Windsor|Paradise|Conception Bay South",
      },
    },
  ],
  ['Labrador', 'America/Goose_Bay'],
  ['NS|Nova Scotia|Nouvelle-Écosse', 'America/Halifax'],
  ['NT|Northwest Territories|Territoires du Nord-Ouest', 'America/Yellowknife'],
  [
    'NU|Nunavut',
    {
      // Qikiqtaaluk (X0A) Eastern, Kitikmeot (X0B) Mountain, Kivalliq (X0C) Central.
      postal: { X0A: 'America/Iqaluit', X0B: 'America/Cambridge_Bay', X0C: 'America/Rankin_Inlet' },
      cities: {
        'America/Iqaluit': 'Iqaluit|Pond Inlet|Pangnirtung|Cape Dorset|Kinngait|Igloolik',
        'America/Cambridge_Bay': 'Cambridge Bay|Kugluktuk|Gjoa Haven|Taloyoak',
        'America/Rankin_Inlet': 'Rankin Inlet|Arviat|Baker Lake|Chesterfield Inlet|Coral Harbour',
        'America/Resolute': 'Resolute',
      },
    },
  ],
  [
    'ON|Ontario',
    {
      // Northwestern Ontario west of 90°W is Central: Kenora P9N, Dryden P8N, Fort Frances P9A, Sioux Lookout P8T,
      // rural P0V/P0W/P0X (approximate). Atikokan keeps EST all year.
      postal: { P0V: WPG, P0W: WPG, P0X: WPG, P8N: WPG, P8T: WPG, P9A: WPG, P9N: WPG },
      rest: TOR,
      cities: {
        [WPG]: 'Kenora|Dryden|Fort Frances|Sioux Lookout|Red Lake|Rainy River',
        'America/Atikokan': 'Atikokan',
      },
      majority: TOR,
    },
  ],
  ['PE|PEI|Prince Edward Island|Île-du-Prince-Édouard', 'America/Halifax'],
  [
    'QC|PQ|Quebec|Québec',
    {
      // Magdalen Islands (G4T) are Atlantic; the Lower North Shore east of 63°W is AST all year.
      postal: { G4T: 'America/Halifax' },
      rest: TOR,
      cities: {
        'America/Halifax': 'Iles-de-la-Madeleine|Cap-aux-Meules',
        'America/Blanc-Sablon': 'Blanc-Sablon',
      },
      majority: TOR,
    },
  ],
  [
    'SK|Saskatchewan',
    {
      // Lloydminster (S9V) follows Alberta.
      postal: { S9V: EDM },
      rest: 'America/Regina',
      cities: { [EDM]: 'Lloydminster' },
      majority: 'America/Regina',
    },
  ],
  ['YT|YK|Yukon|Yukon Territory', 'America/Whitehorse'],
])

const MXC = 'America/Mexico_City'
const MTY = 'America/Monterrey'
const MAT = 'America/Matamoros'
const MZT = 'America/Mazatlan'
const MERIDA = 'America/Merida'

/** Border municipalities of Coahuila/Nuevo León/Tamaulipas keep US DST (America/Matamoros). */
const BORDER_NE_CITIES =
  'Matamoros|Reynosa|Nuevo Laredo|Rio Bravo|Valle Hermoso|Miguel Aleman|Camargo|Piedras Negras|Ciudad Acuna|Acuna|Anahuac'

const MX_REGIONS = new RegionTable([
  ['AGU|AGS|Aguascalientes', MXC],
  ['BCN|BC|Baja California', 'America/Tijuana'],
  ['BCS|Baja California Sur', MZT],
  ['CAM|CAMP|Campeche', MERIDA],
  ['CHP|CHIS|Chiapas', MXC],
  [
    'CHH|CHIH|Chihuahua',
    {
      // Ciudad Juárez (postal 320xx-326xx, approximate) and Ojinaga keep US DST.
      postal: { '320-326': 'America/Ciudad_Juarez' },
      rest: 'America/Chihuahua',
      cities: {
        'America/Ciudad_Juarez': 'Ciudad Juarez|Juarez',
        'America/Ojinaga': 'Ojinaga',
        'America/Chihuahua':
          'Chihuahua|Delicias|Cuauhtemoc|Hidalgo del Parral|Parral|Nuevo Casas Grandes|Camargo',
      },
    },
  ],
  ['CMX|CDMX|DF|Ciudad de Mexico|Mexico City|Distrito Federal', MXC],
  [
    'COA|COAH|Coahuila|Coahuila de Zaragoza',
    {
      // Piedras Negras (260xx) and Acuña (262xx) are border municipalities (approximate).
      postal: { '260': MAT, '262': MAT },
      rest: MTY,
      cities: { [MAT]: BORDER_NE_CITIES, [MTY]: 'Saltillo|Torreon|Monclova|Ramos Arizpe|Sabinas' },
    },
  ],
  ['COL|Colima', MXC],
  ['DUR|DGO|Durango', MTY],
  ['GUA|GTO|Guanajuato', MXC],
  ['GRO|Guerrero', MXC],
  ['HID|HGO|Hidalgo', MXC],
  ['JAL|Jalisco', MXC],
  ['MEX|EDOMEX|Estado de Mexico|State of Mexico', MXC],
  ['MIC|MICH|Michoacan|Michoacan de Ocampo', MXC],
  ['MOR|Morelos', MXC],
  [
    'NAY|Nayarit',
    {
      // Bahía de Banderas municipality is on Central time.
      cities: {
        'America/Bahia_Banderas':
          'Bahia de Banderas|Nuevo Vallarta|Bucerias|San Jose del Valle|Punta de Mita|La Cruz de Huanacaxtle|Mezcales|Valle de Banderas',
        [MZT]: 'Tepic|Compostela|Santiago Ixcuintla|Tuxpan|San Blas|Acaponeta',
      },
    },
  ],
  ['NLE|NL|Nuevo Leon', { rest: MTY, cities: { [MAT]: BORDER_NE_CITIES }, majority: MTY }],
  ['OAX|Oaxaca', MXC],
  ['PUE|Puebla', MXC],
  ['QUE|QRO|Queretaro', MXC],
  ['ROO|QROO|QR|Quintana Roo', 'America/Cancun'],
  ['SLP|San Luis Potosi', MXC],
  ['SIN|Sinaloa', MZT],
  ['SON|Sonora', 'America/Hermosillo'],
  ['TAB|Tabasco', MXC],
  [
    'TAM|TAMPS|Tamaulipas',
    {
      // Border municipalities (approximate postal ranges): Matamoros 873-874, Valle Hermoso 875,
      // Nuevo Laredo 880-882, Reynosa 885-887, Río Bravo 889.
      postal: { '873-875': MAT, '880-889': MAT },
      rest: MTY,
      cities: {
        [MAT]: BORDER_NE_CITIES,
        [MTY]: 'Tampico|Ciudad Victoria|Victoria|Ciudad Madero|Altamira|Ciudad Mante|El Mante',
      },
    },
  ],
  ['TLA|TLAX|Tlaxcala', MXC],
  ['VER|Veracruz|Veracruz de Ignacio de la Llave', MXC],
  ['YUC|Yucatan', MERIDA],
  ['ZAC|Zacatecas', MXC],
])

const SP = 'America/Sao_Paulo'
const FOR = 'America/Fortaleza'

const BR_REGIONS = new RegionTable([
  ['AC|Acre', 'America/Rio_Branco'],
  ['AL|Alagoas', 'America/Maceio'],
  ['AP|Amapa', 'America/Belem'],
  [
    'AM|Amazonas',
    {
      // The south-west of Amazonas (Eirunepé, Envira, Ipixuna, Guajará) is UTC-5.
      cities: { 'America/Eirunepe': 'Eirunepe|Envira|Ipixuna|Guajara' },
      majority: 'America/Manaus',
    },
  ],
  ['BA|Bahia', 'America/Bahia'],
  ['CE|Ceara', FOR],
  ['DF|Distrito Federal|Brasilia', SP],
  ['ES|Espirito Santo', SP],
  ['GO|Goias', SP],
  ['MA|Maranhao', FOR],
  ['MT|Mato Grosso', 'America/Cuiaba'],
  ['MS|Mato Grosso do Sul', 'America/Campo_Grande'],
  ['MG|Minas Gerais', SP],
  ['PA|Para', 'America/Belem'],
  ['PB|Paraiba', FOR],
  ['PR|Parana', SP],
  [
    'PE|Pernambuco',
    {
      // Fernando de Noronha (CEP 53990-000) is UTC-2.
      postal: { '53990': 'America/Noronha' },
      rest: 'America/Recife',
      cities: { 'America/Noronha': 'Fernando de Noronha' },
      majority: 'America/Recife',
    },
  ],
  ['PI|Piaui', FOR],
  ['RJ|Rio de Janeiro', SP],
  ['RN|Rio Grande do Norte', FOR],
  ['RS|Rio Grande do Sul', SP],
  ['RO|Rondonia', 'America/Porto_Velho'],
  ['RR|Roraima', 'America/Boa_Vista'],
  ['SC|Santa Catarina', SP],
  ['SP|Sao Paulo', SP],
  ['SE|Sergipe', 'America/Maceio'],
  ['TO|Tocantins', 'America/Araguaina'],
])

/** First letter of a Canadian postal code → province (Canada Post); X splits into NU (X0A-X0C) and NT. */
const FSA_PROVINCE: Readonly<Record<string, string>> = {
  A: 'nl',
  B: 'ns',
  C: 'pe',
  E: 'nb',
  G: 'qc',
  H: 'qc',
  J: 'qc',
  K: 'on',
  L: 'on',
  M: 'on',
  N: 'on',
  P: 'on',
  R: 'mb',
  S: 'sk',
  T: 'ab',
  V: 'bc',
  Y: 'yt',
}

const resolveCARegion: CountryResolver = byRegion('CA', CA_REGIONS, canadaFsa)

/** Canadian place → zone: the province (given, or from the postal code), then the FSA or city inside it. */
export const resolveCA: CountryResolver = (q) => {
  if (q.region && CA_REGIONS.get(q.region, 'CA') !== undefined) return resolveCARegion(q)
  const fsa = q.postal ? canadaFsa(q.postal) : undefined
  if (!fsa) return undefined
  const first = fsa[0] as string
  const province = first === 'X' ? (/^X0[ABC]$/.test(fsa) ? 'nu' : 'nt') : FSA_PROVINCE[first]
  return province ? resolveCARegion({ ...q, region: province }) : undefined
}
export const resolveMX: CountryResolver = byRegion('MX', MX_REGIONS, (raw) =>
  /^\d{5}$/.test(raw) ? raw : undefined,
)
export const resolveBR: CountryResolver = byRegion('BR', BR_REGIONS, (raw) => {
  const digits = raw.replace(/-/g, '')
  return /^\d{8}$/.test(digits) ? digits : undefined
})
