/** The one stylesheet: small, no web fonts, readable on a phone, light and dark. */
/** Volume chart series (src/server/pages/volume.tsx), as classes: the CSP allows no inline style. "Other" is grey. */
const SERIES = ['#1a73e8', '#e37400', '#188038', '#a142f4', '#d01884', '#007b83', '#b06000', '#5f6368', '#12b5cb', '#9334e6', '#c5221f', '#80868b'];
const SERIES_CSS = [...SERIES.map((c, i) => `figure.timeline .bar.series-${i}, .swatch.series-${i} { fill:${c}; background:${c}; }`),
  'figure.timeline .bar.series-other, .swatch.series-other { fill:#bdc1c6; background:#bdc1c6; }'].join('\n');

export const STYLE = `
:root { --fg:#1b1b1f; --muted:#5d5f6b; --bg:#fff; --line:#dcdde3; --accent:#0b57d0; --direct:#ffe58a; --indirect:#cfe6ff; --bar:#0b57d0; }
@media (prefers-color-scheme: dark) {
  :root { --fg:#e6e6ea; --muted:#a2a4b0; --bg:#15161a; --line:#33353d; --accent:#8ab4f8; --direct:#6b5a12; --indirect:#1d3d66; --bar:#8ab4f8; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin:0; font:16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--fg); background:var(--bg); }
a { color:var(--accent); }
main { max-width:52rem; margin:0 auto; padding:1rem; }
header.top { display:flex; flex-wrap:wrap; gap:.5rem 1.25rem; align-items:baseline; padding:.75rem 1rem; border-bottom:1px solid var(--line); }
header.top .brand { font-weight:700; font-size:1.15rem; text-decoration:none; color:var(--fg); }
header.top nav { display:flex; flex-wrap:wrap; gap:.25rem 1rem; }
h1 { font-size:1.6rem; line-height:1.2; margin:.5rem 0; }
h2 { font-size:1.2rem; margin:1.75rem 0 .5rem; }
.muted { color:var(--muted); }
form.search { display:grid; grid-template-columns:repeat(auto-fit, minmax(10rem, 1fr)); gap:.5rem .75rem; margin:1rem 0; }
form.search .wide { grid-column:1 / -1; }
form.search.inline { grid-template-columns:1fr auto; }
form.search.inline .wide { grid-column:auto; }
.field { display:flex; flex-direction:column; gap:.15rem; }
.field label { font-size:.85rem; color:var(--muted); }
.field.submit { flex-direction:row; align-items:end; gap:.75rem; }
input, select, button { font:inherit; padding:.45rem .55rem; border:1px solid var(--line); border-radius:6px; background:var(--bg); color:var(--fg); min-width:0; }
button { background:var(--accent); color:var(--bg); border-color:var(--accent); cursor:pointer; padding-inline:1.1rem; }
ol.statements, ol.reports { list-style:none; padding:0; margin:0; }
li.statement { padding:.8rem 0; border-bottom:1px solid var(--line); }
.who { font-weight:600; }
.cue { font-weight:400; color:var(--muted); }
blockquote { margin:.3rem 0; padding-left:.75rem; border-left:3px solid var(--line); overflow-wrap:anywhere; }
blockquote.quote::before { content:"\\201C"; } blockquote.quote::after { content:"\\201D"; }
blockquote.big { font-size:1.25rem; border-left-color:var(--accent); }
blockquote.variant { font-size:.9rem; color:var(--muted); }
.meta { display:flex; flex-wrap:wrap; gap:.2rem .9rem; font-size:.85rem; color:var(--muted); }
.badge { border:1px solid var(--line); border-radius:999px; padding:0 .5rem; }
mark { background:var(--direct); color:inherit; padding:0 .1em; border-radius:2px; }
mark.st.indirect { background:var(--indirect); }
sup.by { font-size:.72rem; margin-left:.15rem; white-space:nowrap; }
.article-text { white-space:pre-line; overflow-wrap:anywhere; line-height:1.7; }
.legend mark { font-size:.85rem; }
ol.reports li { padding:.6rem 0; border-bottom:1px solid var(--line); }
table.list { width:100%; border-collapse:collapse; font-size:.95rem; }
table.list th, table.list td { text-align:left; padding:.4rem .5rem .4rem 0; border-bottom:1px solid var(--line); vertical-align:top; overflow-wrap:anywhere; }
table.list .num { text-align:right; }
table.list td.nowrap { white-space:nowrap; overflow-wrap:normal; }
ul.chips { list-style:none; padding:0; display:flex; flex-wrap:wrap; gap:.4rem; }
ul.chips li { border:1px solid var(--line); border-radius:999px; padding:.15rem .65rem; }
ul.roles { padding-left:1.2rem; }
figure.timeline { margin:.5rem 0; }
figure.timeline svg { width:100%; height:auto; display:block; }
figure.timeline .bar { fill:var(--bar); }
figure.timeline a:hover .bar, figure.timeline a:focus .bar { opacity:.7; }
figure.timeline .axis { stroke:var(--line); }
figure.timeline .tick { fill:var(--muted); font-size:14px; }
figure.timeline .value { fill:var(--fg); font-size:12px; }
figcaption { font-size:.85rem; color:var(--muted); }
${SERIES_CSS}
ul.legend-series { list-style:none; padding:0; margin:.2rem 0; display:flex; flex-wrap:wrap; gap:.2rem .8rem; }
.swatch { display:inline-block; width:.8em; height:.8em; border-radius:2px; vertical-align:middle; }
.layout-search { display:grid; gap:1rem; } @media (min-width: 56rem) { .layout-search { grid-template-columns:minmax(0,1fr) 15rem; } }
aside.facets h3 { font-size:.9rem; margin:.8rem 0 .2rem; } aside.facets ul { list-style:none; padding:0; margin:0; font-size:.88rem; }
aside.facets li { display:flex; justify-content:space-between; gap:.5rem; overflow-wrap:anywhere; } aside.facets .n { color:var(--muted); }
p.downloads, p.volume-controls, p.undated { font-size:.88rem; }
details.group summary { cursor:pointer; } details.group ol { list-style:none; padding-left:.75rem; font-size:.88rem; }
.pager { display:flex; justify-content:space-between; align-items:center; margin:1rem 0; gap:1rem; }
.problem { border:1px solid #c5221f; border-radius:6px; padding:.5rem .75rem; }
.empty { color:var(--muted); font-style:italic; }
.help { font-size:.8rem; margin:.1rem 0 0; }
.permalink { display:flex; flex-wrap:wrap; gap:.5rem; align-items:center; font-size:.9rem; }
.permalink input.url { font-size:.85rem; color:var(--muted); flex:1 1 14rem; }
.visually-hidden { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
ul.examples { margin:0; padding-left:1rem; font-size:.88rem; }
table.overview tr.undated th { font-style:italic; }
table.overview td.num, table.overview th.num { text-align:right; }
.corrections details.edit { border:1px solid var(--line); border-radius:6px; padding:.4rem .75rem; margin:.4rem 0; }
.corrections summary { cursor:pointer; font-weight:600; }
form.edit { display:grid; gap:.5rem; margin:.5rem 0; }
form.edit .field label, fieldset label.check { display:flex; flex-direction:column; gap:.15rem; }
fieldset label.check { flex-direction:row; gap:.4rem; align-items:baseline; }
fieldset { border:1px solid var(--line); border-radius:6px; }
textarea { font:inherit; padding:.45rem .55rem; border:1px solid var(--line); border-radius:6px; background:var(--bg); color:var(--fg); width:100%; }
ol.changes { list-style:none; padding:0; margin:0; }
ol.changes li { padding:.6rem 0; border-bottom:1px solid var(--line); }
form.undo { display:inline; }
button.secondary { background:var(--bg); color:var(--accent); padding:.2rem .7rem; font-size:.85rem; }
.badge.verified { border-color:var(--accent); }
@media (max-width: 30rem) { h1 { font-size:1.35rem; } table.list { font-size:.88rem; } }
`;
