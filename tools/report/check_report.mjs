// node check_report.mjs PAGE [--charts a,b,...] [--intervals a,b,...] [--no-intervals]
// Loads a report.html in headless Chromium, offline, and fails (exit 1) on any console error or
// warning, page error or request leaving the page; on a chart that drew no view or fewer data marks
// than the report promises (min_marks, at least 1); on a chart of --charts that is missing; on a
// chart of --intervals without drawn 95 % intervals; and, with --no-intervals, on any interval drawn.
import { withBrowser, openReport } from './browser.mjs';

const args = process.argv.slice(2);
const file = args[0];
const list = (flag) => {
  const i = args.indexOf(flag);
  return i < 0 ? [] : args[i + 1].split(',').filter((s) => s.length > 0);
};
const wantCharts = list('--charts');
const wantIntervals = list('--intervals');
const noIntervals = args.includes('--no-intervals');
if (!file) {
  console.error('usage: node check_report.mjs PAGE [--charts a,b] [--intervals a,b] [--no-intervals]');
  process.exit(2);
}

const failures = [];
let passed = 0;
const check = (ok, what) => { if (ok) passed += 1; else failures.push(what); };

await withBrowser(async (context) => {
  const { page, problems } = await openReport(context, file);
  for (const p of problems) failures.push(p);
  // Per chart: data mark items drawn (roles other than axes, legends and titles), interval items,
  // and SVG elements in its box.
  const drawn = await page.evaluate(() => {
    const isGuide = (role) => ['axis', 'legend', 'title'].includes(role)
      || /^(axis|legend|title)-/.test(role || '');
    return Promise.all((window.dccsimReport.charts).map(async (chart) => {
      const entry = (await window.dccsimRendered).find((v) => v.id === chart.id);
      const out = { id: chart.id, min: chart.min_marks, intervals: chart.intervals, view: !!entry,
        marks: 0, intervalMarks: 0, svg: 0 };
      const box = document.getElementById('chart-' + chart.id);
      out.svg = box ? box.querySelectorAll('svg path, svg line, svg rect, svg text, svg circle').length : 0;
      if (!entry) return out;
      const walk = (mark, inGuide) => {
        const guide = inGuide || isGuide(mark.role);
        for (const item of mark.items || []) {
          if (mark.marktype === 'group') {
            for (const child of item.items || []) walk(child, guide);
          } else if (!guide) {
            out.marks += 1;
            if ((mark.name || '').startsWith('interval_')) out.intervalMarks += 1;
          }
        }
      };
      walk(entry.view.scenegraph().root, false);
      return out;
    }));
  });
  for (const d of drawn) {
    console.log(`${d.id}: ${d.view ? 'drawn' : 'NOT DRAWN'}, ${d.marks} data marks (at least ${d.min}),`
      + ` ${d.intervalMarks} interval marks, ${d.svg} SVG elements`);
    check(d.view, `${d.id}: no view was drawn`);
    check(d.min >= 1, `${d.id}: the report promises no data marks (min_marks ${d.min})`);
    check(d.marks >= d.min, `${d.id}: ${d.marks} data marks drawn, fewer than ${d.min}`);
    check(d.svg > 0, `${d.id}: its box holds no SVG elements`);
    check(!d.intervals || d.intervalMarks > 0, `${d.id}: promises intervals but drew none`);
    if (noIntervals) check(d.intervalMarks === 0, `${d.id}: drew intervals without replications`);
  }
  for (const id of wantCharts) check(drawn.some((d) => d.id === id), `chart ${id} is missing`);
  for (const id of wantIntervals) {
    check(drawn.some((d) => d.id === id && d.intervalMarks > 0), `chart ${id} drew no 95 % intervals`);
  }
});

for (const f of failures) console.log(`FAIL: ${f}`);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
