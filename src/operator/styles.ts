/**
 * The operator view's stylesheet: system fonts in `rem`, light and dark schemes, one column at 360 px and a grid
 * of cards from 48 rem up, no external assets. Colour pairs are those of the tracking page (each 4.5:1 or more).
 */
export const OPERATOR_CSS = `:root{color-scheme:light dark;--op-bg:#ffffff;--op-fg:#111418;--op-muted:#4b5563;--op-surface:#f4f5f7;\
--op-line:#8a94a3;--op-accent:#1d4ed8;--op-on-accent:#ffffff;--op-warn:#92400e;--op-danger:#b91c1c;--op-ok:#166534}
@media (prefers-color-scheme:dark){:root{--op-bg:#121417;--op-fg:#e8eaed;--op-muted:#b4bac3;--op-surface:#1c2026;\
--op-line:#6b7380;--op-accent:#93c5fd;--op-on-accent:#121417;--op-warn:#fbbf24;--op-danger:#fca5a5;--op-ok:#86efac}}
*,*::before,*::after{box-sizing:border-box}
body{margin:0;background:var(--op-bg);color:var(--op-fg);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:1rem;line-height:1.5;overflow-wrap:anywhere;-webkit-text-size-adjust:100%}
a{color:var(--op-accent);text-underline-offset:.15em}
a:focus-visible,button:focus-visible{outline:3px solid var(--op-accent);outline-offset:2px}
.op-sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.op-skip{position:absolute;left:-999rem}.op-skip:focus{left:1rem;top:1rem;background:var(--op-bg);padding:.5rem}
.op-header{border-bottom:1px solid var(--op-line);padding:.75rem 1rem}
.op-header p{margin:0;font-weight:700}
.op-nav ul{list-style:none;margin:.5rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.op-nav a{display:inline-block;padding:.25rem 0;min-height:1.5rem}
.op-nav a[aria-current=page]{font-weight:700;color:var(--op-fg)}
.op-main{max-width:75rem;margin:0 auto;padding:1rem}
h1{font-size:1.375rem;line-height:1.3;margin:0 0 .75rem}
h2{font-size:1.125rem;line-height:1.4;margin:1.5rem 0 .5rem}
h3{font-size:1rem;margin:0 0 .25rem}
.op-note{color:var(--op-muted);font-size:.875rem;margin:0 0 1rem}
.op-list{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:minmax(0,1fr);gap:.75rem}
.op-card{background:var(--op-surface);border-radius:.5rem;padding:.75rem 1rem}
.op-card p{margin:0}
.op-title{font-weight:700}
.op-badge{display:inline-block;font-weight:700;font-size:.875rem;padding:0 .5rem;border-radius:999px;border:2px solid currentColor;margin-left:.25rem}
.op-badge[data-tone=warn]{color:var(--op-warn)}.op-badge[data-tone=danger]{color:var(--op-danger)}.op-badge[data-tone=ok]{color:var(--op-ok)}
.op-facts{display:grid;grid-template-columns:minmax(0,auto) minmax(0,1fr);gap:.125rem .75rem;margin:.5rem 0 0;font-size:.9375rem}
.op-facts dt{color:var(--op-muted)}.op-facts dd{margin:0}
.op-counts{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.75rem}
.op-count{background:var(--op-surface);border-radius:.5rem;padding:.75rem 1rem}
.op-count a{display:block;font-weight:700}
.op-count strong{display:block;font-size:1.75rem;line-height:1.2}
.op-raw{margin:.5rem 0 0;padding:.5rem;border-left:3px solid var(--op-line);white-space:pre-wrap;overflow-wrap:anywhere;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8125rem;background:var(--op-bg)}
.op-events{list-style:none;margin:0;padding:0}
.op-event{padding:.75rem 0;border-top:1px solid var(--op-line)}
.op-event p{margin:0}
.op-form{display:inline}
.op-button{font:inherit;font-weight:700;min-height:2.75rem;min-width:2.75rem;padding:.375rem 1rem;border-radius:.375rem;border:2px solid var(--op-accent);background:var(--op-accent);color:var(--op-on-accent);cursor:pointer;margin-top:.5rem}
@media (min-width:48rem){.op-main{padding:1.5rem}.op-header{padding:1rem 1.5rem}h1{font-size:1.75rem}
.op-list{grid-template-columns:repeat(auto-fill,minmax(22rem,1fr))}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
@media (forced-colors:active){.op-badge,.op-button{border-color:CanvasText}}
`
