/**
 * United States: state → zone, and the states split between zones resolved by ZIP code.
 *
 * Sources: zone lines from the IANA tz database (`northamerica`, zone comments per county) and
 * 49 CFR Part 71 (US DOT standard time zone boundaries); ZIP prefixes from the USPS 3-digit ZIP Code prefix list
 * (Publication 65 / DMM L002). Where a 3-digit prefix straddles a line, the prefix follows the larger side and
 * 5-digit exceptions are listed when known; such prefixes are marked "mixed".
 * Arizona is America/Phoenix (no DST); the Navajo Nation, which observes DST, is not separated (documented).
 */
import { type CountryResolver, type PlaceQuery, RegionTable, resolveSpec, type Split } from './lookup.js'

const NY = 'America/New_York'
const CHI = 'America/Chicago'
const DEN = 'America/Denver'
const LA = 'America/Los_Angeles'
const BOISE = 'America/Boise'
const IND = 'America/Indiana/Indianapolis'

const TX: Split = {
  // El Paso and Hudspeth counties are Mountain. 798 is mixed (Alpine, Marfa, Van Horn are Central).
  postal: {
    '799': DEN,
    '885': DEN,
    '79821': DEN,
    '79835-79839': DEN,
    '79849': DEN,
    '79851': DEN,
    '79853': DEN,
  },
  rest: CHI,
  cities: {
    [DEN]:
      'El Paso|Socorro|Horizon City|Canutillo|Anthony|Fabens|San Elizario|Clint|Vinton|Tornillo|Sierra Blanca|Fort Hancock|Dell City',
    [CHI]:
      'Dallas|Houston|San Antonio|Austin|Fort Worth|Arlington|Corpus Christi|Plano|Laredo|Lubbock|Amarillo|Irving|Garland|Frisco|McKinney|Grand Prairie|Brownsville|Killeen|McAllen|Odessa|Midland|Waco|Beaumont|Abilene|Tyler|Denton|Round Rock|Pasadena|Mesquite|Alpine|Marfa|Van Horn',
  },
}

const FL: Split = {
  // Panhandle west of the Apalachicola River is Central: 324 (Panama City; mixed, Port St. Joe is Eastern), 325.
  postal: { '324-325': CHI, '32456': NY },
  rest: NY,
  cities: {
    [CHI]:
      'Pensacola|Panama City|Panama City Beach|Fort Walton Beach|Destin|Crestview|Niceville|Navarre|Milton|Gulf Breeze|Marianna|Chipley|DeFuniak Springs|Bonifay|Lynn Haven|Callaway|Mary Esther|Miramar Beach|Santa Rosa Beach|Pace|Cantonment',
    [NY]: 'Miami|Orlando|Tampa|Jacksonville|Tallahassee|St Petersburg|Hialeah|Fort Lauderdale|Port St Lucie|Cape Coral|Gainesville|Clearwater|West Palm Beach|Lakeland|Sarasota|Fort Myers|Daytona Beach|Ocala|Naples|Boca Raton|Apalachicola|Port St Joe',
  },
}

const TN: Split = {
  // East Tennessee is Eastern: 373 (mixed: Tullahoma, Manchester, McMinnville are Central), 374, 376-379.
  postal: { '373-374': NY, '376-379': NY },
  rest: CHI,
  cities: {
    [NY]: 'Knoxville|Chattanooga|Johnson City|Kingsport|Bristol|Cleveland|Maryville|Oak Ridge|Morristown|Athens|Sevierville|Gatlinburg|Pigeon Forge|Greeneville|Elizabethton',
    [CHI]:
      'Nashville|Memphis|Clarksville|Murfreesboro|Franklin|Jackson|Cookeville|Columbia|Hendersonville|Smyrna|Brentwood|Lebanon|Gallatin|Tullahoma|McMinnville|Dyersburg|Shelbyville',
  },
}

const KY: Split = {
  // Western Kentucky is Central: 420-424 (Paducah, Bowling Green, Owensboro, Henderson). 426/427 mixed → Eastern.
  postal: {
    '400-402': 'America/Kentucky/Louisville',
    '420-424': CHI,
    '42633': 'America/Kentucky/Monticello',
  },
  rest: NY,
  cities: {
    'America/Kentucky/Louisville': 'Louisville',
    'America/Kentucky/Monticello': 'Monticello',
    [NY]: 'Lexington|Frankfort|Covington|Florence|Georgetown|Richmond|Ashland|Elizabethtown|Nicholasville|Winchester|Pikeville|Somerset|London|Hazard',
    [CHI]:
      'Bowling Green|Owensboro|Paducah|Henderson|Hopkinsville|Madisonville|Murray|Glasgow|Mayfield|Russellville',
  },
}

const IN: Split = {
  // Northwest (Gary, 463-464) and southwest (Evansville, 476-477) Indiana are Central; Starke County (Knox).
  postal: { '463-464': CHI, '476-477': CHI, '46534': 'America/Indiana/Knox' },
  rest: IND,
  cities: {
    [IND]:
      'Indianapolis|Fort Wayne|South Bend|Bloomington|Carmel|Fishers|Muncie|Lafayette|Terre Haute|Anderson|Kokomo|Elkhart|Mishawaka|Noblesville|Richmond|Columbus|New Albany|Jeffersonville|Vincennes|Jasper',
    [CHI]:
      'Gary|Hammond|Merrillville|Valparaiso|Portage|Michigan City|La Porte|Crown Point|East Chicago|Schererville|Hobart|Evansville|Newburgh|Mount Vernon|Boonville|Princeton|Tell City',
  },
}

const MENOMINEE = 'America/Menominee'
const MI: Split = {
  // Gogebic, Iron, Dickinson and Menominee counties (Upper Peninsula) are Central; 498/499 are mixed.
  postal: { '49801-49802': MENOMINEE, '49858': MENOMINEE, '49870': MENOMINEE, '49935': MENOMINEE },
  rest: 'America/Detroit',
  cities: {
    [MENOMINEE]:
      'Menominee|Iron Mountain|Kingsford|Norway|Iron River|Crystal Falls|Ironwood|Bessemer|Wakefield',
  },
  majority: 'America/Detroit',
}

const ND: Split = {
  // Southwest North Dakota (Dickinson, 586) is Mountain.
  postal: { '586': DEN },
  rest: CHI,
  cities: {
    [DEN]: 'Dickinson|Beach|Bowman|Hettinger|Mott|New England|Belfield|Medora',
    [CHI]:
      'Fargo|Bismarck|Grand Forks|Minot|Williston|Mandan|Jamestown|West Fargo|Wahpeton|Devils Lake|Valley City',
  },
}

const SD: Split = {
  // West River South Dakota (Rapid City, 577) is Mountain; 575/576 are mixed → Central.
  postal: { '577': DEN },
  rest: CHI,
  cities: {
    [DEN]:
      'Rapid City|Spearfish|Sturgis|Belle Fourche|Lead|Deadwood|Hot Springs|Custer|Box Elder|Wall|Lemmon|Martin',
    [CHI]:
      'Sioux Falls|Aberdeen|Brookings|Watertown|Mitchell|Yankton|Pierre|Huron|Vermillion|Mobridge|Chamberlain',
  },
}

const NE: Split = {
  // The Panhandle (Scottsbluff, Alliance, Sidney: 693) and Keith County (Ogallala) are Mountain; 691 mixed.
  postal: { '693': DEN, '69153': DEN },
  rest: CHI,
  cities: {
    [DEN]: 'Scottsbluff|Gering|Alliance|Sidney|Chadron|Kimball|Ogallala',
    [CHI]:
      'Omaha|Lincoln|Bellevue|Grand Island|Kearney|Fremont|Hastings|Norfolk|North Platte|Columbus|Papillion|La Vista|South Sioux City|Beatrice|McCook|Valentine',
  },
}

const KS: Split = {
  // Sherman, Wallace, Greeley and Hamilton counties are Mountain.
  postal: { '67735': DEN, '67758': DEN, '67878-67879': DEN },
  rest: CHI,
  cities: { [DEN]: 'Goodland|Sharon Springs|Tribune|Syracuse' },
  majority: CHI,
}

const OR: Split = {
  // Malheur County (Ontario, Vale, Nyssa: 979) is Mountain.
  postal: { '979': BOISE },
  rest: LA,
  cities: { [BOISE]: 'Ontario|Vale|Nyssa' },
  majority: LA,
}

const ID: Split = {
  // North Idaho (Lewiston 835, Coeur d'Alene 838) is Pacific.
  postal: { '835': LA, '838': LA },
  rest: BOISE,
  cities: {
    [LA]: "Coeur d'Alene|Lewiston|Moscow|Post Falls|Sandpoint|Hayden|Bonners Ferry|Kellogg|Orofino|Grangeville",
    [BOISE]:
      'Boise|Meridian|Nampa|Idaho Falls|Pocatello|Caldwell|Twin Falls|Rexburg|Eagle|Kuna|Ammon|Blackfoot|Mountain Home|Burley|Jerome|Hailey|Ketchum|Salmon|McCall',
  },
}

const NV: Split = {
  // West Wendover (Elko County) keeps Mountain time.
  postal: { '89883': DEN },
  rest: LA,
  cities: { [DEN]: 'West Wendover' },
  majority: LA,
}

const AK: Split = {
  // The Aleutians west of 169.5°W (Adak, Atka) are Hawaii-Aleutian.
  postal: { '99546-99547': 'America/Adak' },
  rest: 'America/Anchorage',
  cities: { 'America/Adak': 'Adak|Atka' },
  majority: 'America/Anchorage',
}

/** State / territory → zone. */
export const US_REGIONS = new RegionTable([
  ['AL|Alabama', CHI],
  ['AK|Alaska', AK],
  ['AZ|Arizona', 'America/Phoenix'],
  ['AR|Arkansas', CHI],
  ['CA|California', LA],
  ['CO|Colorado', DEN],
  ['CT|Connecticut', NY],
  ['DE|Delaware', NY],
  ['DC|District of Columbia|Washington DC', NY],
  ['FL|Florida', FL],
  ['GA|Georgia', NY],
  ['HI|Hawaii', 'Pacific/Honolulu'],
  ['ID|Idaho', ID],
  ['IL|Illinois', CHI],
  ['IN|Indiana', IN],
  ['IA|Iowa', CHI],
  ['KS|Kansas', KS],
  ['KY|Kentucky', KY],
  ['LA|Louisiana', CHI],
  ['ME|Maine', NY],
  ['MD|Maryland', NY],
  ['MA|Massachusetts', NY],
  ['MI|Michigan', MI],
  ['MN|Minnesota', CHI],
  ['MS|Mississippi', CHI],
  ['MO|Missouri', CHI],
  ['MT|Montana', DEN],
  ['NE|Nebraska', NE],
  ['NV|Nevada', NV],
  ['NH|New Hampshire', NY],
  ['NJ|New Jersey', NY],
  ['NM|New Mexico', DEN],
  ['NY|New York', NY],
  ['NC|North Carolina', NY],
  ['ND|North Dakota', ND],
  ['OH|Ohio', NY],
  ['OK|Oklahoma', CHI],
  ['OR|Oregon', OR],
  ['PA|Pennsylvania', NY],
  ['RI|Rhode Island', NY],
  ['SC|South Carolina', NY],
  ['SD|South Dakota', SD],
  ['TN|Tennessee', TN],
  ['TX|Texas', TX],
  ['UT|Utah', DEN],
  ['VT|Vermont', NY],
  ['VA|Virginia', NY],
  ['WA|Washington', LA],
  ['WV|West Virginia', NY],
  ['WI|Wisconsin', CHI],
  ['WY|Wyoming', DEN],
  ['PR|Puerto Rico', 'America/Puerto_Rico'],
  ['VI|US Virgin Islands|Virgin Islands', 'America/St_Thomas'],
  ['GU|Guam', 'Pacific/Guam'],
  ['AS|American Samoa', 'Pacific/Pago_Pago'],
  ['MP|Northern Mariana Islands', 'Pacific/Saipan'],
])

/** 3-digit (and a few 5-digit) ZIP prefix ranges → state (USPS prefix list), for a place given without a state. */
const ZIP_STATE =
  '005=NY 006-007=PR 008=VI 009=PR 010-027=MA 028-029=RI 030-038=NH 039-049=ME 050-054=VT 055=MA ' +
  '056-059=VT 060-069=CT 070-089=NJ 100-149=NY 150-196=PA 197-199=DE 200=DC 201=VA 202-205=DC ' +
  '206-219=MD 220-246=VA 247-268=WV 270-289=NC 290-299=SC 300-319=GA 320-339=FL 341-349=FL ' +
  '350-369=AL 370-385=TN 386-397=MS 398-399=GA 400-427=KY 430-459=OH 460-479=IN 480-499=MI ' +
  '500-528=IA 530-549=WI 550-567=MN 570-577=SD 580-588=ND 590-599=MT 600-629=IL 630-658=MO ' +
  '660-679=KS 680-693=NE 700-714=LA 716-729=AR 730-731=OK 733=TX 734-749=OK 750-799=TX 800-816=CO ' +
  '820-831=WY 832-838=ID 840-847=UT 850-865=AZ 870-884=NM 885=TX 889-898=NV 900-961=CA 967-968=HI ' +
  '96799=AS 96910-96932=GU 96950-96952=MP 970-979=OR 980-994=WA 995-999=AK'

const zipStateRanges = ZIP_STATE.split(' ')
  .map((entry) => {
    const [range = '', state = ''] = entry.split('=')
    const [lo, hi = lo] = range.split('-') as [string, string?]
    return { lo, hi, state }
  })
  .sort((a, b) => b.lo.length - a.lo.length)

function stateForZip(zip: string): string | undefined {
  for (const { lo, hi, state } of zipStateRanges) {
    const head = zip.slice(0, lo.length)
    if (head >= lo && head <= hi) return state
  }
  return undefined
}

/** `12345`, `12345-6789`, `123456789` → `12345`; anything else → undefined. */
export function usZip(raw: string): string | undefined {
  const m = /^(\d{5})(?:-?\d{4})?$/.exec(raw)
  return m?.[1]
}

/** US place → zone: the state (given, or from the ZIP code), then the ZIP or city inside split states. */
export const resolveUS: CountryResolver = (q: PlaceQuery) => {
  const zip = q.postal ? usZip(q.postal) : undefined
  let spec = q.region ? US_REGIONS.get(q.region, 'US') : undefined
  if (spec === undefined && zip) {
    const state = stateForZip(zip)
    if (state) spec = US_REGIONS.get(state.toLowerCase(), 'US')
  }
  return spec === undefined ? undefined : resolveSpec(spec, { ...q, postal: zip })
}
