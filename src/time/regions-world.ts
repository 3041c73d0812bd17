/**
 * Australia, Russia and the other countries with several zones in `countries-and-timezones`.
 *
 * Sources: IANA tz database (`australasia`, `europe`, `asia`, `zone1970.tab` comments); ISO 3166-2 subdivision
 * codes; Russian federal law 107-FZ as amended (2016, 2020) for the regional zones; Kazakhstan's move to UTC+5
 * everywhere (2024-03-01, tz 2024a). Countries not listed here and not single-zone give `undefined`.
 */
import { byRegion, type CountryResolver, mainWithExceptions, RegionTable } from './lookup.js'

const AU_REGIONS = new RegionTable([
  [
    'NSW|New South Wales',
    {
      // Broken Hill (2880) follows South Australia; Lord Howe Island (2898) has its own zone.
      postal: { '2880': 'Australia/Broken_Hill', '2898': 'Australia/Lord_Howe' },
      rest: 'Australia/Sydney',
      cities: { 'Australia/Broken_Hill': 'Broken Hill', 'Australia/Lord_Howe': 'Lord Howe Island' },
      majority: 'Australia/Sydney',
    },
  ],
  ['ACT|Australian Capital Territory|JBT|Jervis Bay Territory', 'Australia/Sydney'],
  ['VIC|Victoria', 'Australia/Melbourne'],
  ['QLD|Queensland', 'Australia/Brisbane'],
  ['SA|South Australia', 'Australia/Adelaide'],
  ['WA|Western Australia', 'Australia/Perth'],
  ['TAS|Tasmania', 'Australia/Hobart'],
  ['NT|Northern Territory', 'Australia/Darwin'],
])

const MSK = 'Europe/Moscow'
const YEK = 'Asia/Yekaterinburg'

const RU_REGIONS = new RegionTable([
  ['KGD|Kaliningrad', 'Europe/Kaliningrad'],
  [
    'MOW|Moscow|Moskva|SPE|Saint Petersburg|Sankt-Peterburg|MOS|Moscow Oblast|Moskovskaya|LEN|Leningrad|ARK|Arkhangelsk|NEN|Nenets|' +
      'BEL|Belgorod|BRY|Bryansk|VLA|Vladimir|VLG|Vologda|VOR|Voronezh|IVA|Ivanovo|KLU|Kaluga|KOS|Kostroma|KRS|Kursk|' +
      'LIP|Lipetsk|MUR|Murmansk|NGR|Novgorod|ORL|Oryol|Orel|PSK|Pskov|RYA|Ryazan|SMO|Smolensk|TAM|Tambov|TVE|Tver|' +
      'TUL|Tula|YAR|Yaroslavl|KR|Karelia|KO|Komi|ME|Mari El|MO|Mordovia|CU|Chuvashia|Chuvash|TA|Tatarstan|' +
      'NIZ|Nizhny Novgorod|PNZ|Penza|KDA|Krasnodar|ROS|Rostov|AD|Adygea|KL|Kalmykia|DA|Dagestan|IN|Ingushetia|' +
      'KB|Kabardino-Balkaria|KC|Karachay-Cherkessia|SE|North Ossetia|North Ossetia-Alania|CE|Chechnya|Chechen|' +
      'STA|Stavropol',
    MSK,
  ],
  ['KIR|Kirov', 'Europe/Kirov'],
  ['Crimea|Sevastopol', 'Europe/Simferopol'],
  ['VGG|Volgograd', 'Europe/Volgograd'],
  ['SAM|Samara|UD|Udmurtia', 'Europe/Samara'],
  ['AST|Astrakhan', 'Europe/Astrakhan'],
  ['SAR|Saratov', 'Europe/Saratov'],
  ['ULY|Ulyanovsk', 'Europe/Ulyanovsk'],
  [
    'SVE|Sverdlovsk|Yekaterinburg|BA|Bashkortostan|CHE|Chelyabinsk|KGN|Kurgan|ORE|Orenburg|PER|Perm|TYU|Tyumen|' +
      'KHM|Khanty-Mansi|Khanty-Mansiysk|Yugra|YAN|Yamalo-Nenets|Yamal',
    YEK,
  ],
  ['OMS|Omsk', 'Asia/Omsk'],
  ['NVS|Novosibirsk', 'Asia/Novosibirsk'],
  ['TOM|Tomsk', 'Asia/Tomsk'],
  ['ALT|Altai Krai|AL|Altai Republic|Altai', 'Asia/Barnaul'],
  ['KEM|Kemerovo|Kuzbass', 'Asia/Novokuznetsk'],
  ['KYA|Krasnoyarsk|TY|Tuva|Tyva|KK|Khakassia', 'Asia/Krasnoyarsk'],
  ['IRK|Irkutsk|BU|Buryatia', 'Asia/Irkutsk'],
  ['ZAB|Zabaykalsky|Zabaykalsky Krai|Zabaikalsky|Chita', 'Asia/Chita'],
  // Sakha: the Oymyakon, Verkhoyansk and Kolyma districts use other zones (Asia/Khandyga, Asia/Ust-Nera,
  // Asia/Srednekolymsk); by population the republic is on Asia/Yakutsk.
  ['AMU|Amur|SA|Sakha|Yakutia', 'Asia/Yakutsk'],
  ['PRI|Primorsky|Primorye|Primorsky Krai|KHA|Khabarovsk|YEV|Jewish Autonomous|Jewish', 'Asia/Vladivostok'],
  ['MAG|Magadan', 'Asia/Magadan'],
  ['SAK|Sakhalin', 'Asia/Sakhalin'],
  ['KAM|Kamchatka', 'Asia/Kamchatka'],
  ['CHU|Chukotka', 'Asia/Anadyr'],
])

const ID_REGIONS = new RegionTable([
  [
    'AC|Aceh|SU|North Sumatra|Sumatera Utara|SB|West Sumatra|Sumatera Barat|RI|Riau|KR|Riau Islands|Kepulauan Riau|' +
      'JA|Jambi|BE|Bengkulu|SS|South Sumatra|Sumatera Selatan|BB|Bangka Belitung|Kepulauan Bangka Belitung|LA|Lampung|' +
      'BT|Banten|JK|Jakarta|DKI Jakarta|JB|West Java|Jawa Barat|JT|Central Java|Jawa Tengah|YO|Yogyakarta|' +
      'DI Yogyakarta|JI|East Java|Jawa Timur',
    'Asia/Jakarta',
  ],
  ['KB|West Kalimantan|Kalimantan Barat|KT|Central Kalimantan|Kalimantan Tengah', 'Asia/Pontianak'],
  [
    'BA|Bali|NB|West Nusa Tenggara|Nusa Tenggara Barat|NT|East Nusa Tenggara|Nusa Tenggara Timur|' +
      'KS|South Kalimantan|Kalimantan Selatan|KI|East Kalimantan|Kalimantan Timur|KU|North Kalimantan|' +
      'Kalimantan Utara|SA|North Sulawesi|Sulawesi Utara|ST|Central Sulawesi|Sulawesi Tengah|SN|South Sulawesi|' +
      'Sulawesi Selatan|SG|Southeast Sulawesi|Sulawesi Tenggara|SR|West Sulawesi|Sulawesi Barat|GO|Gorontalo',
    'Asia/Makassar',
  ],
  [
    'MA|Maluku|MU|North Maluku|Maluku Utara|PA|Papua|PB|West Papua|Papua Barat|PD|Southwest Papua|Papua Barat Daya|' +
      'PE|Highland Papua|Papua Pegunungan|PS|South Papua|Papua Selatan|PT|Central Papua|Papua Tengah',
    'Asia/Jayapura',
  ],
])

const CD_REGIONS = new RegionTable([
  [
    'KN|Kinshasa|BC|Kongo Central|Bas-Congo|KG|Kwango|KL|Kwilu|MN|Mai-Ndombe|EQ|Equateur|MO|Mongala|' +
      'NU|Nord-Ubangi|SU|Sud-Ubangi|TU|Tshuapa',
    'Africa/Kinshasa',
  ],
  [
    'HK|Haut-Katanga|LU|Lualaba|HL|Haut-Lomami|TA|Tanganyika|KE|Kasai-Oriental|KS|Kasai|KC|Kasai-Central|' +
      'LO|Lomami|SA|Sankuru|MA|Maniema|NK|Nord-Kivu|North Kivu|SK|Sud-Kivu|South Kivu|TO|Tshopo|BU|Bas-Uele|' +
      'HU|Haut-Uele|IT|Ituri|Katanga',
    'Africa/Lubumbashi',
  ],
])

const digits = (n: number) => (raw: string) => (new RegExp(`^\\d{${n}}$`).test(raw) ? raw : undefined)

/** Resolvers for the countries with several zones that this module knows how to split. */
export const WORLD_RESOLVERS: Readonly<Record<string, CountryResolver>> = {
  AU: byRegion('AU', AU_REGIONS, digits(4)),
  RU: byRegion('RU', RU_REGIONS, digits(6)),
  ID: byRegion('ID', ID_REGIONS, digits(5)),
  CD: byRegion('CD', CD_REGIONS),
  ES: mainWithExceptions({
    country: 'ES',
    main: 'Europe/Madrid',
    // Canary Islands (postal 35xxx Las Palmas, 38xxx Santa Cruz de Tenerife); Ceuta 51xxx and Melilla 52xxx.
    regions: new RegionTable([
      [
        'CN|IC|Canarias|Canary Islands|Islas Canarias|GC|Las Palmas|TF|Santa Cruz de Tenerife',
        'Atlantic/Canary',
      ],
      ['CE|Ceuta|ML|Melilla', 'Africa/Ceuta'],
    ]),
    exceptions: {
      postal: { '35': 'Atlantic/Canary', '38': 'Atlantic/Canary', '51-52': 'Africa/Ceuta' },
      cities: {
        'Atlantic/Canary':
          'Las Palmas de Gran Canaria|Santa Cruz de Tenerife|La Laguna|San Cristobal de La Laguna|Arrecife|Puerto del Rosario|Telde',
        'Africa/Ceuta': 'Ceuta|Melilla',
      },
    },
    postal: digits(5),
  }),
  PT: mainWithExceptions({
    country: 'PT',
    main: 'Europe/Lisbon',
    // Madeira (postal 9000-9399) and the Azores (9500-9999).
    regions: new RegionTable([
      ['20|Azores|Acores|Regiao Autonoma dos Acores', 'Atlantic/Azores'],
      ['30|Madeira|Regiao Autonoma da Madeira', 'Atlantic/Madeira'],
    ]),
    exceptions: {
      postal: { '9000-9399': 'Atlantic/Madeira', '9500-9999': 'Atlantic/Azores' },
      cities: { 'Atlantic/Madeira': 'Funchal', 'Atlantic/Azores': 'Ponta Delgada|Angra do Heroismo|Horta' },
    },
    postal: (raw) => /^(\d{4})(?:-?\d{3})?$/.exec(raw)?.[1],
  }),
  NZ: mainWithExceptions({
    country: 'NZ',
    main: 'Pacific/Auckland',
    // Chatham Islands (postcode 8942) are 45 minutes ahead.
    regions: new RegionTable([['CIT|Chatham Islands|Chatham Islands Territory', 'Pacific/Chatham']]),
    exceptions: { postal: { '8942': 'Pacific/Chatham' }, cities: { 'Pacific/Chatham': 'Waitangi' } },
    postal: digits(4),
  }),
  EC: mainWithExceptions({
    country: 'EC',
    main: 'America/Guayaquil',
    // Galápagos province (postal 200xxx).
    regions: new RegionTable([['W|Galapagos', 'Pacific/Galapagos']]),
    exceptions: {
      postal: { '200': 'Pacific/Galapagos' },
      cities: { 'Pacific/Galapagos': 'Puerto Ayora|Puerto Baquerizo Moreno' },
    },
    postal: digits(6),
  }),
  CL: mainWithExceptions({
    country: 'CL',
    main: 'America/Santiago',
    // Aysén (UTC-3 all year since 2025), Magallanes (UTC-3 all year), Easter Island (Valparaíso region).
    regions: new RegionTable([
      ['AI|XI|Aysen|Aisen|Aysen del General Carlos Ibanez del Campo', 'America/Coyhaique'],
      [
        'MA|XII|Magallanes|Magallanes y de la Antartica Chilena|Magallanes and Chilean Antarctica',
        'America/Punta_Arenas',
      ],
      ['Isla de Pascua|Easter Island|Rapa Nui', 'Pacific/Easter'],
    ]),
    exceptions: {
      cities: {
        'Pacific/Easter': 'Hanga Roa|Isla de Pascua|Easter Island|Rapa Nui',
        'America/Punta_Arenas': 'Punta Arenas|Puerto Natales|Porvenir|Puerto Williams',
        'America/Coyhaique': 'Coyhaique|Puerto Aysen|Chile Chico|Cochrane',
      },
    },
  }),
  UA: mainWithExceptions({
    country: 'UA',
    main: 'Europe/Kyiv',
    regions: new RegionTable([
      ['43|40|Crimea|Krym|Autonomous Republic of Crimea|Sevastopol', 'Europe/Simferopol'],
    ]),
    exceptions: { cities: { 'Europe/Simferopol': 'Simferopol|Sevastopol|Kerch|Yalta|Yevpatoria|Feodosia' } },
  }),
  MN: mainWithExceptions({
    country: 'MN',
    main: 'Asia/Ulaanbaatar',
    // The western aimags are UTC+7.
    regions: new RegionTable([
      ['071|Bayan-Olgii|Bayan-Ulgii|065|Govi-Altai|043|Khovd|Hovd|046|Uvs|057|Zavkhan', 'Asia/Hovd'],
    ]),
    exceptions: { cities: { 'Asia/Hovd': 'Khovd|Hovd|Olgii|Ulgii|Ulaangom|Altai|Uliastai' } },
  }),
  PG: mainWithExceptions({
    country: 'PG',
    main: 'Pacific/Port_Moresby',
    regions: new RegionTable([
      ['NSB|Bougainville|Autonomous Region of Bougainville|North Solomons', 'Pacific/Bougainville'],
    ]),
    exceptions: { cities: { 'Pacific/Bougainville': 'Buka|Arawa' } },
  }),
  DE: mainWithExceptions({
    country: 'DE',
    main: 'Europe/Berlin',
    // Büsingen am Hochrhein (78266) is listed under Zurich; same clock as Berlin.
    exceptions: {
      postal: { '78266': 'Europe/Busingen' },
      cities: { 'Europe/Busingen': 'Busingen|Busingen am Hochrhein' },
    },
    postal: digits(5),
    bare: 'Europe/Berlin',
  }),
}

/**
 * Countries whose zones in the dataset keep the same clock today (checked by a test over 2025-2027), or that have
 * one legal time (China: Beijing time nationwide; Asia/Urumqi is the informal Xinjiang time). A bare country code
 * gives this zone.
 */
export const SAME_CLOCK_COUNTRIES: Readonly<Record<string, string>> = {
  AR: 'America/Argentina/Buenos_Aires',
  CN: 'Asia/Shanghai',
  CY: 'Asia/Nicosia',
  KZ: 'Asia/Almaty',
  MY: 'Asia/Kuala_Lumpur',
  UZ: 'Asia/Tashkent',
  VN: 'Asia/Ho_Chi_Minh',
}
