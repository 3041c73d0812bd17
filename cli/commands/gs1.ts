/**
 * `waybill gs1 <element-string|uri>`: parses a GS1 element string (bracketed, or raw with GS or `^` separators)
 * or a GS1 Digital Link URI and prints each AI with whether its check digit is valid (exit 1 when one is not).
 */
import type { Command } from 'commander'
import {
  buildDigitalLink,
  checkAiRelations,
  formatElementString,
  type Gs1Element,
  parseDigitalLink,
  parseElementString,
} from '../../src/identifiers/index.js'
import { printJson } from '../output.js'

interface Gs1Report {
  input: string
  kind: 'digital-link' | 'element-string'
  elements: Gs1Element[]
  elementString: string
  digitalLink?: string
  /** GS1 pairing-rule problems (e.g. 02 without 37); informative, they do not change the exit code. */
  warnings: string[]
}

function analyse(input: string): Gs1Report {
  const isUri = /^https?:\/\//i.test(input)
  const elements = isUri ? parseDigitalLink(input).elements : parseElementString(input)
  const report: Gs1Report = {
    input,
    kind: isUri ? 'digital-link' : 'element-string',
    elements,
    elementString: formatElementString(elements),
    warnings: checkAiRelations(elements),
  }
  if (isUri) report.digitalLink = input
  else {
    try {
      report.digitalLink = buildDigitalLink(elements)
    } catch {
      // no Digital Link primary key among the AIs: nothing to show
    }
  }
  return report
}

export function register(program: Command): void {
  program
    .command('gs1')
    .description('parse a GS1 element string or Digital Link URI and check its check digits')
    .argument(
      '<input>',
      'e.g. "(00)006141411234567890(421)84010001" or https://id.gs1.org/00/006141411234567890',
    )
    .option('--json', 'print the result as JSON')
    .action((input: string, options: { json?: boolean }) => {
      const report = analyse(input)
      const bad = report.elements.some((e) => e.checkDigitValid === false)
      if (options.json) printJson(report)
      else {
        for (const e of report.elements) {
          const check =
            e.checkDigitValid === undefined
              ? ''
              : e.checkDigitValid
                ? '  check digit ok'
                : '  check digit WRONG'
          const decimal = e.decimal === undefined ? '' : ` (= ${e.decimal})`
          process.stdout.write(`(${e.ai}) ${e.title}: ${e.value}${decimal}${check}\n`)
        }
        process.stdout.write(`element string: ${report.elementString}\n`)
        if (report.digitalLink) process.stdout.write(`digital link:   ${report.digitalLink}\n`)
        for (const w of report.warnings) process.stdout.write(`warning: ${w}\n`)
      }
      if (bad) process.exitCode = 1
    })
}
