/** Writes a large, valid X12 file of 214 sets (optionally mixed with 210 invoices) as a stream, for scale tests. */

import { once } from 'node:events'
import { createWriteStream } from 'node:fs'

function set(n: number): string {
  const control = String(n).padStart(9, '0')
  const pro = `PRO${String(n).padStart(9, '0')}`
  const day = String(1 + (n % 28)).padStart(2, '0')
  const segments = [
    `ST*214*${control}`,
    `B10*${pro}*SHIP${n}*ABCD`,
    `L11*BOL${n}*BM`,
    `L11*PO${n}*PO`,
    `L11*ORDER-${n}-A*OQ`,
    'N1*SH*ACME SUPPLY COMPANY INCORPORATED*93*SHIPPER0001',
    'N3*1200 WEST INDUSTRIAL PARKWAY*BUILDING 4 DOCK 17',
    'N4*CHICAGO*IL*60601*US',
    'N1*CN*EXAMPLE RETAIL DISTRIBUTION CENTER*93*CONSIGNEE01',
    'N3*4500 EAST LOGISTICS BOULEVARD*RECEIVING DOOR 22',
    'N4*DENVER*CO*80202*US',
    'N1*BT*EXAMPLE RETAIL ACCOUNTS PAYABLE*93*BILLTO00001',
    'N3*PO BOX 998877*ATTN FREIGHT AUDIT DEPARTMENT',
    'N4*DENVER*CO*80217*US',
    'LX*1',
    `AT7*X3*NS***202403${day}*0930*CT`,
    'MS1*CHICAGO*IL*US',
    'LX*2',
    `AT7*X1*NS***202403${day}*1745*MT`,
    'MS1*DENVER*CO*US',
    'LX*3',
    `AT7*D1*NS***202403${day}*1830*MT`,
    'MS1*DENVER*CO*US',
    'MS2*ABCD*TRAILER5309',
    `K1*DELIVERED TO DOCK 22 SIGNED BY J SMITH*PIECES 14 PALLETS 2 WEIGHT 1840 LB REF ${n}`,
  ]
  return `${segments.join('~\n')}~\nSE*${segments.length + 1}*${control}~\n`
}

/** An X12 210 (freight invoice) set: same interchange, another functional group; a 214 parser skips it. */
function invoice(n: number): string {
  const control = String(n).padStart(9, '0')
  const segments = [
    `ST*210*${control}`,
    `B3**INV${n}*PRO${n}*PP**20240326*18400**20240326*035*ABCD`,
    'C3*USD',
    `N9*BM*BOL${n}`,
    'N1*SH*ACME SUPPLY COMPANY INCORPORATED',
    'N3*1200 WEST INDUSTRIAL PARKWAY',
    'N4*CHICAGO*IL*60601*US',
    'N1*CN*EXAMPLE RETAIL DISTRIBUTION CENTER',
    'N3*4500 EAST LOGISTICS BOULEVARD',
    'N4*DENVER*CO*80202*US',
  ]
  for (let i = 1; i <= 12; i++) {
    segments.push(
      `LX*${i}`,
      `L5*${i}*FREIGHT ALL KINDS CLASS 70 PALLETIZED`,
      `L0*${i}***1840*G***2*PLT`,
      `L1*${i}*12.5*PH*2300`,
    )
  }
  segments.push('L3*1840*G***18400')
  return `${segments.join('~\n')}~\nSE*${segments.length + 1}*${control}~\n`
}

/**
 * Writes a file of at least `bytes`: groups of 214 sets, mixed (when `share214` < 1) with groups of 210 invoices
 * so that about `share214` of the bytes are 214s. Returns the number of 214 sets (= shipments).
 */
export async function writeLarge214(file: string, bytes: number, share214 = 1): Promise<number> {
  const out = createWriteStream(file)
  const header =
    'ISA*00*          *00*          *02*ABCD           *ZZ*WAYBILLTEST    *240326*1200*U*00401*000000001*0*T*>~\n'
  out.write(header)
  let written = header.length
  let sets = 0
  let invoices = 0
  let groups = 0
  let bytes214 = 0
  while (written < bytes) {
    const statusGroup = bytes214 <= share214 * written
    groups++
    let chunk = `GS*${statusGroup ? 'QM' : 'IM'}*ABCD*WAYBILLTEST*20240326*1200*${groups}*X*004010~\n`
    for (let i = 0; i < 50; i++) chunk += statusGroup ? set(++sets) : invoice(++invoices)
    chunk += `GE*50*${groups}~\n`
    written += chunk.length
    if (statusGroup) bytes214 += chunk.length
    if (!out.write(chunk)) await once(out, 'drain')
  }
  out.end(`IEA*${groups}*000000001~\n`)
  await once(out, 'close')
  return sets
}
