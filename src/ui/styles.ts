/**
 * The stylesheet shared by the page and the widget's shadow root: mobile-first, sizes in `rem` (scales with the
 * reader's settings), light and dark schemes, no motion under `prefers-reduced-motion`, no external assets.
 */
import type { Palette } from './contrast.js'

/** The colours of each scheme: every text colour reaches 4.5:1 on `bg` and on `surface` in its scheme. */
const LIGHT = {
  bg: '#ffffff',
  fg: '#111418',
  muted: '#4b5563',
  surface: '#f4f5f7',
  line: '#8a94a3',
  warn: '#92400e',
  danger: '#b91c1c',
  return: '#6d28d9',
  ok: '#166534',
}
const DARK: typeof LIGHT = {
  bg: '#121417',
  fg: '#e8eaed',
  muted: '#b4bac3',
  surface: '#1c2026',
  line: '#6b7380',
  warn: '#fbbf24',
  danger: '#fca5a5',
  return: '#c4b5fd',
  ok: '#86efac',
}

type Colors = typeof LIGHT & { accent: string; 'on-accent': string }

function declarations(colors: Record<string, string>): string {
  return Object.entries(colors)
    .map(([name, value]) => `--wb-${name}:${value}`)
    .join(';')
}

/**
 * The page's variables: light, and dark under `prefers-color-scheme: dark` (the page declares both schemes).
 * The widget's: `light-dark()` pairs that follow the host page's `color-scheme`, so a widget on a light page stays
 * light even when the reader's system is dark, and follows the system when the host opts into dark.
 */
function variables(scope: ':root' | ':host', palette: Palette): string {
  const light: Colors = { ...LIGHT, accent: palette.accentLight, 'on-accent': palette.onAccentLight }
  const dark: Colors = { ...DARK, accent: palette.accentDark, 'on-accent': palette.onAccentDark }
  if (scope === ':root')
    return `:root{color-scheme:light dark;${declarations(light)}}
@media (prefers-color-scheme:dark){:root{${declarations(dark)}}}`
  const pairs = Object.fromEntries(
    Object.entries(light).map(([name, value]) => [
      name,
      `light-dark(${value},${dark[name as keyof Colors]})`,
    ]),
  )
  return `:host{display:block;container-type:inline-size;${declarations(pairs)}}`
}

/**
 * CSS for the page (`:root`) or the widget (`:host`), with the brand palette's accents. The page paints its
 * background and pads its content; the widget blends into its host: transparent background, the host's font
 * family, no outer padding or width limit, and a layout that follows its own width (a container query), not the
 * window's. Every colour pair below reaches 4.5:1 (text) in its scheme; the accents are checked by
 * {@link brandPalette}.
 */
export function trackingCss(scope: ':root' | ':host', palette: Palette): string {
  const page = scope === ':root'
  const wide = page ? '@media (min-width:40rem)' : '@container (min-width:40rem)'
  const surface = page
    ? `body{margin:0}
.wb{background:var(--wb-bg);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
.wb-brand{display:flex;align-items:center;gap:.75rem;padding:.75rem 1rem;border-bottom:1px solid var(--wb-line)}
.wb-main{max-width:46rem;margin:0 auto;padding:1rem}
@media (min-width:40rem){.wb-main{padding:2rem 1.5rem}.wb-title{font-size:1.75rem}.wb-brand{padding:1rem 1.5rem}}`
    : `.wb{background:transparent;font-family:inherit}
.wb-brand{display:flex;align-items:center;gap:.75rem;padding:0 0 .75rem;margin:0 0 1rem;border-bottom:1px solid var(--wb-line)}
.wb-main{margin:0;padding:0}
@container (min-width:40rem){.wb-title{font-size:1.75rem}}`
  return `${variables(scope, palette)}
${surface}
.wb{box-sizing:border-box;color:var(--wb-fg);font-size:1rem;line-height:1.5;overflow-wrap:anywhere;-webkit-text-size-adjust:100%}
.wb *,.wb *::before,.wb *::after{box-sizing:inherit}
.wb a{color:var(--wb-accent);text-underline-offset:.15em}
.wb a:focus-visible,.wb summary:focus-visible{outline:3px solid var(--wb-accent);outline-offset:2px}
.wb-sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.wb-brand img{display:block;max-height:2.5rem;max-width:10rem;width:auto;height:auto}
.wb-brand-name{font-weight:700;font-size:1.125rem;margin:0}
.wb-eyebrow{margin:0 0 .25rem;color:var(--wb-muted);font-size:.875rem}
.wb-title{font-size:1.375rem;line-height:1.3;margin:0 0 .25rem;text-wrap:balance}
.wb-title+.wb-note{margin:0 0 .5rem}
.wb-headline{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .5rem;margin:.5rem 0 .5rem;font-size:.875rem}
.wb-updated{color:var(--wb-muted)}
.wb-lede{margin:0 0 1rem}
.wb-headline+.wb-note{margin:0 0 1rem}
.wb-h{font-size:1rem;line-height:1.4;margin:0 0 .5rem}
.wb-badge{display:inline-flex;align-items:center;gap:.375rem;font-weight:700;font-size:.875rem;padding:.125rem .625rem;border-radius:999px;border:2px solid currentColor;color:var(--wb-accent)}
.wb-badge[data-tone=warn]{color:var(--wb-warn)}.wb-badge[data-tone=danger]{color:var(--wb-danger)}
.wb-badge[data-tone=return]{color:var(--wb-return)}.wb-badge[data-tone=ok]{color:var(--wb-ok)}.wb-badge[data-tone=wait]{color:var(--wb-fg)}
.wb-card{background:var(--wb-surface);border-radius:.75rem;padding:1rem;margin:0 0 1rem}
.wb-card p{margin:0}.wb-card p+p{margin-top:.375rem}
.wb-note{color:var(--wb-muted);font-size:.875rem}
.wb-steps{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:minmax(0,1fr);gap:0}
.wb-step{position:relative;min-height:2.75rem;padding:0 0 .75rem 2.75rem;font-size:1rem;line-height:1.4;color:var(--wb-muted)}
.wb-step::before{content:"";position:absolute;left:.75rem;top:1.75rem;bottom:0;width:.25rem;border-radius:999px;background:var(--wb-line);opacity:.45}
.wb-step:last-child{min-height:1.75rem;padding-bottom:0}.wb-step:last-child::before{display:none}
.wb-zone{white-space:nowrap}
.wb-step[data-state=done]::before{background:var(--wb-accent);opacity:1}
.wb-dot{position:absolute;top:0;left:0;width:1.75rem;height:1.75rem;border-radius:50%;display:flex;align-items:center;justify-content:center;font-size:.875rem;font-weight:700;background:var(--wb-bg);border:2px solid var(--wb-line);color:var(--wb-muted)}
.wb-step[data-state=done] .wb-dot{background:var(--wb-accent);border-color:var(--wb-accent);color:var(--wb-on-accent)}
.wb-step[data-state=current]{color:var(--wb-fg);font-weight:700}
.wb-step[data-state=current] .wb-dot{border-color:var(--wb-accent);color:var(--wb-accent);border-width:3px}
.wb-step[data-state=skipped] .wb-step-label{text-decoration:line-through}
.wb-step[data-tone=warn] .wb-dot{border-color:var(--wb-warn);color:var(--wb-warn)}
.wb-step[data-tone=danger] .wb-dot{border-color:var(--wb-danger);color:var(--wb-danger)}
.wb-step[data-tone=return] .wb-dot{border-color:var(--wb-return);color:var(--wb-return)}
.wb-step[data-state=current][data-tone=move] .wb-dot{animation:wb-pulse 2s ease-in-out infinite}
@keyframes wb-pulse{50%{box-shadow:0 0 0 .375rem color-mix(in srgb,var(--wb-accent) 25%,transparent)}}
.wb-step-label{display:block;padding-top:.125rem}
.wb-step-problem{display:block;font-weight:700}
.wb-step[data-tone=warn] .wb-step-problem{color:var(--wb-warn)}.wb-step[data-tone=danger] .wb-step-problem{color:var(--wb-danger)}
.wb-step[data-tone=return] .wb-step-problem{color:var(--wb-return)}
.wb-facts{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0}
.wb-facts dt{color:var(--wb-muted)}.wb-facts dd{margin:0;font-weight:600}
.wb-timeline{list-style:none;margin:0;padding:0}
.wb-event{position:relative;padding:0 0 1rem 1.5rem;border-left:2px solid var(--wb-line);margin-left:.375rem}
.wb-event:last-child{border-left-color:transparent}
.wb-event::before{content:"";position:absolute;left:-.4375rem;top:.3rem;width:.75rem;height:.75rem;border-radius:50%;background:var(--wb-line)}
.wb-event:first-child::before{background:var(--wb-accent)}
.wb-event p{margin:0}
.wb-when{font-weight:700}
.wb-where{color:var(--wb-muted);font-size:.875rem}
.wb-event details{margin-top:.25rem;font-size:.875rem;color:var(--wb-muted)}
.wb-event summary{cursor:pointer;color:var(--wb-accent);text-decoration:underline;text-underline-offset:.15em}
.wb-raw{margin:.25rem 0 0;padding:.5rem;border-left:3px solid var(--wb-line);white-space:pre-wrap;font-family:ui-monospace,Menlo,Consolas,monospace}
${wide}{.wb-steps{grid-template-columns:repeat(5,minmax(0,1fr));gap:.25rem}
.wb-step{min-height:0;padding:1.75rem 0 0;font-size:.875rem;line-height:1.3;text-align:center;hyphens:auto;overflow-wrap:normal}
.wb-step::before,.wb-step:last-child::before{display:block;top:.6875rem;bottom:auto;left:0;right:0;width:auto;height:.375rem}
.wb-step[data-state=current]::before{background:var(--wb-accent);opacity:1}
.wb-dot{left:50%;transform:translateX(-50%)}.wb-step-label{padding-top:.5rem}}
@media (prefers-reduced-motion:reduce){.wb *,.wb *::before,.wb *::after{animation:none!important;transition:none!important;scroll-behavior:auto!important}}
@media (forced-colors:active){.wb-step::before,.wb-event::before{background:CanvasText}.wb-dot{border-color:CanvasText}}
`
}
