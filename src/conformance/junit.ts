/** JUnit XML for conformance reports: one testsuite per adapter, one testcase per fixture and check. */
import type { ConformanceReport } from './run.js'

function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** Renders reports as a JUnit XML document accepted by common CI test reporters. */
export function toJUnit(reports: readonly ConformanceReport[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>']
  const total = (key: 'failed' | 'skipped') => reports.reduce((n, r) => n + r[key], 0)
  const tests = reports.reduce((n, r) => n + r.results.length, 0)
  lines.push(
    `<testsuites name="waybill conformance" tests="${tests}" failures="${total('failed')}" skipped="${total('skipped')}">`,
  )
  for (const report of reports) {
    lines.push(
      `  <testsuite name="${xml(report.adapter)}" tests="${report.results.length}" failures="${report.failed}" skipped="${report.skipped}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    )
    for (const r of report.results) {
      const open = `    <testcase classname="${xml(`${report.adapter}.${r.case}`)}" name="${xml(r.check)}"`
      if (r.status === 'pass') lines.push(`${open}/>`)
      else if (r.status === 'skip')
        lines.push(`${open}><skipped message="${xml(r.message ?? '')}"/></testcase>`)
      else
        lines.push(
          `${open}><failure message="${xml(r.message ?? 'failed')}">${xml(r.difference ? `at ${r.difference.path}\n${r.message}` : (r.message ?? ''))}</failure></testcase>`,
        )
    }
    lines.push('  </testsuite>')
  }
  lines.push('</testsuites>')
  return `${lines.join('\n')}\n`
}
