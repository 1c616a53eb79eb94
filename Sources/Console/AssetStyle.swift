/// `/static/console.css`: dark, high-contrast, large type for a wall screen; the grid folds
/// to one column on a laptop or phone; a print style for the handover report.
enum AssetStyle {
    static let text = #"""
:root { --bg: #0b0f14; --panel: #151b23; --line: #2a3440; --text: #f2f5f8; --dim: #9fb0c0;
  --red: #ff4d4f; --orange: #ff9f1a; --yellow: #ffe14d; --blue: #4da3ff; --green: #3ddc84; }
* { box-sizing: border-box; }
html { font-size: clamp(16px, 1.05vw + 8px, 30px); }
body { margin: 0; background: var(--bg); color: var(--text);
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; line-height: 1.35; }
a { color: inherit; }
header.top { display: flex; align-items: center; gap: 1rem; padding: .5rem 1rem; background: #000; border-bottom: 2px solid var(--line); flex-wrap: wrap; }
header.top h1 { font-size: 1.5rem; margin: 0; }
header.top nav a { margin-right: .8rem; color: var(--dim); text-decoration: none; font-size: .95rem; }
header.top nav a:hover { color: var(--text); }
#wall-clock { font-size: 1.5rem; font-variant-numeric: tabular-nums; margin-left: auto; }
.who { color: var(--dim); font-size: .85rem; }
.who form { display: inline; }
.connection { padding: .15rem .6rem; border-radius: .3rem; font-size: .85rem; }
.connection.live { background: #113d24; color: var(--green); }
.connection.stale { background: var(--red); color: #000; font-weight: 700; }
main { padding: .8rem 1rem; }
.board { display: grid; gap: .8rem; grid-template-columns: 1.1fr 1.3fr 1fr;
  grid-template-areas: "sum sum sum" "inc ord map" "pen ord duty"; }
.summary { grid-area: sum; display: flex; gap: .8rem; }
.figure { flex: 1; background: var(--panel); border: 1px solid var(--line); border-radius: .4rem; padding: .3rem .8rem; }
.figure .value { font-size: 2.4rem; font-weight: 800; margin-right: .5rem; font-variant-numeric: tabular-nums; }
.figure .label { color: var(--dim); }
.figure.warn .value { color: var(--orange); }
.figure.alarm { border-color: var(--red); }
.figure.alarm .value { color: var(--red); }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: .4rem; padding: .5rem .8rem; min-width: 0; }
.panel h2 { font-size: 1.15rem; margin: 0 0 .4rem; color: var(--dim); font-weight: 600; }
.panel h2 b { color: var(--text); }
.panel h3 { font-size: 1rem; margin: .6rem 0 .2rem; border-bottom: 1px solid var(--line); }
.incidents { grid-area: inc; } .orders { grid-area: ord; } .map { grid-area: map; } .pending { grid-area: pen; } .duty { grid-area: duty; }
.empty { color: var(--dim); }
.incident-list { list-style: none; margin: 0; padding: 0; }
.incident { padding: .35rem .2rem; border-bottom: 1px solid var(--line); }
.incident a { text-decoration: none; display: flex; gap: .5rem; align-items: baseline; }
.incident .title { font-size: 1.15rem; font-weight: 700; }
.incident .meta { display: block; color: var(--dim); font-size: .85rem; }
.badge { padding: 0 .4rem; border-radius: .25rem; font-size: .85rem; font-weight: 700; white-space: nowrap; color: #000; background: #ddd; }
.badge.level-red { background: var(--red); } .badge.level-orange { background: var(--orange); }
.badge.level-yellow { background: var(--yellow); } .badge.level-blue { background: var(--blue); }
.exercise { color: var(--yellow); }
table { border-collapse: collapse; width: 100%; }
td, th { padding: .2rem .4rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { color: var(--dim); font-weight: 600; font-size: .85rem; }
.num, .countdown { font-variant-numeric: tabular-nums; text-align: right; }
tr.order .team { font-weight: 700; }
tr.order .state, tr.order .deadline, tr.order .where { white-space: nowrap; }
tr.order .where a { color: var(--dim); text-decoration: none; }
tr.order .countdown { font-size: 1.25rem; font-weight: 800; }
tr.overdue { background: #4a0d0f; } tr.overdue .countdown { color: var(--red); }
tr.escalated .state { color: var(--orange); font-weight: 700; }
tr.accepted .countdown, tr.arrived .countdown { color: var(--green); }
.countdown.late { color: var(--red); }
.county-map { width: 100%; height: auto; max-height: 60vh; background: #0e151d; border-radius: .3rem; }
.county-map .area { stroke: #0b0f14; stroke-width: 2; }
.county-map .peace { fill: #2d3b49; }
.county-map .resp-IV { fill: var(--blue); } .county-map .resp-III { fill: var(--yellow); }
.county-map .resp-II { fill: var(--orange); } .county-map .resp-I { fill: var(--red); }
.county-map circle.depth-1 { opacity: .9; } .county-map circle.depth-2 { opacity: .8; } .county-map circle.depth-3 { opacity: .7; }
.county-map .label { fill: var(--text); font-size: 40px; text-anchor: middle; font-weight: 700; paint-order: stroke; stroke: #000; stroke-width: 5px; }
.county-map .incident-marker { fill: #fff; stroke: #000; stroke-width: 4; }
.county-map .incident-marker.level-red { fill: var(--red); } .county-map .incident-marker.level-orange { fill: var(--orange); }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: .6rem; padding: 0; margin: .3rem 0 0; font-size: .8rem; color: var(--dim); }
.legend i { display: inline-block; width: .8rem; height: .8rem; margin-right: .25rem; border-radius: 50%; }
.legend i.peace { background: #2d3b49; } .legend i.resp-IV { background: var(--blue); } .legend i.resp-III { background: var(--yellow); }
.legend i.resp-II { background: var(--orange); } .legend i.resp-I { background: var(--red); }
.duty-list { list-style: none; margin: 0; padding: 0; }
.duty-list li { padding: .2rem 0; border-bottom: 1px solid var(--line); }
.duty-list .post { color: var(--dim); } .duty-list .people { font-weight: 700; } .phone { color: var(--dim); font-weight: 400; }
.note { color: var(--dim); font-size: .75rem; }
form.act { display: inline-flex; gap: .3rem; flex-wrap: wrap; align-items: center; margin: .15rem 0; }
input, select, textarea, button { font: inherit; font-size: .9rem; background: #0b0f14; color: var(--text); border: 1px solid var(--line); border-radius: .25rem; padding: .2rem .4rem; }
button { background: #1f6feb; border-color: #1f6feb; cursor: pointer; font-weight: 700; }
button.danger { background: #b62324; border-color: #b62324; }
.page { max-width: 72rem; margin: 0 auto; }
.page section { margin-bottom: 1rem; }
.verdict { font-size: 1.4rem; padding: .8rem; border-radius: .4rem; }
.verdict.applied { background: #113d24; } .verdict.rejected { background: #4a0d0f; } .verdict.waiting { background: #3d3411; }
.login { max-width: 22rem; margin: 4rem auto; display: grid; gap: .6rem; }
.error { color: var(--red); font-weight: 700; }
@media (max-width: 1100px) { .board { grid-template-columns: 1fr; grid-template-areas: "sum" "inc" "ord" "map" "pen" "duty"; } .summary { flex-wrap: wrap; } }
.handover h3 { color: var(--dim); }
.handover tr.short td { color: var(--orange); }
/* The handover report on paper: black on white, no navigation or forms, one sheet per post. */
@media print {
  html { font-size: 11pt; }
  body, main, .panel, table, td, th { background: #fff !important; color: #000 !important; }
  header.top nav, header.top .who, #wall-clock, .connection, form, button, .no-print { display: none !important; }
  header.top { background: #fff; border-bottom: 1px solid #000; }
  .panel { border: none; padding: 0; }
  .panel h2, .panel h3 { color: #000; }
  td, th { border-bottom: 1px solid #999; }
  tr.overdue, tr.overdue .countdown, .countdown.late, .handover tr.short td { background: #fff; color: #000; font-weight: 700; }
  a { text-decoration: none; }
  .handover + .handover { break-before: page; }
  .handover tr { break-inside: avoid; }
}
"""#
}
