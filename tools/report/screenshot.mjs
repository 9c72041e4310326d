// node screenshot.mjs PAGE PNG: a full-page screenshot of a report.html for review; exit 1 when the
// page reported a problem (console error or warning, page error, request leaving the page).
import { withBrowser, openReport } from './browser.mjs';

const [file, png] = process.argv.slice(2);
if (!file || !png) {
  console.error('usage: node screenshot.mjs PAGE PNG');
  process.exit(2);
}
const problems = await withBrowser(async (context) => {
  const opened = await openReport(context, file);
  await opened.page.screenshot({ path: png, fullPage: true });
  return opened.problems;
});
for (const p of problems) console.log(`${file}: ${p}`);
process.exit(problems.length === 0 ? 0 : 1);
