// Opens the public results as a visitor would, on a phone and on a desktop, in Debian's headless Chromium, and runs
// axe-core on every page it sees. Uses the playwright-core and axe-core that ./noko setup installs for the survey
// page's browser test (the folder is the first argument).
// Usage: node results-page.mjs <node_modules folder's parent> <organization page URL> <municipality page URL> <region
// page URL> <folder for screenshots>
// Prints one JSON object: what it saw and every axe violation.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [modules, organizationUrl, municipalityUrl, regionUrl, screenshots] = process.argv.slice(2);
const require = createRequire(join(modules, 'package.json'));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const report = { violations: [], audits: [], pageErrors: [], consoleErrors: [], screens: {} };

async function audit(page, name) {
  // Through the DevTools protocol: the pages' Content Security Policy refuses injected script tags, as it should.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  report.audits.push({ page: name, rules: result.passes.length + result.violations.length
    + result.incomplete.length + result.inapplicable.length });
  for (const v of result.violations) {
    report.violations.push({ page: name, id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map(n => n.target.join(' ')) });
  }
}

const screens = {
  phone: { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 900 } },
};
const browser = await chromium.launch({
  executablePath: process.env.NOKO_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox'],
});
try {
  for (const [screen, options] of Object.entries(screens)) {
    // The test's proxy has a self-signed certificate of its own (ResultsBehindNginxTest), which no browser knows.
    const context = await browser.newContext({ ...options, locale: 'ru-RU', ignoreHTTPSErrors: true });
    const page = await context.newPage();
    page.on('pageerror', error => report.pageErrors.push(String(error)));
    // A script or style the pages' policy refused shows here («Refused to …»); the browser's own favicon request
    // (404: the site has none) does not count.
    page.on('console', message => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text())) {
        report.consoleErrors.push(message.text());
      }
    });
    page.on('response', response => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) {
        report.consoleErrors.push(`${response.status()} ${response.url()}`);
      }
    });
    const seen = {};
    await page.goto(organizationUrl);
    seen.title = await page.title();
    seen.heading = await page.locator('h1').textContent();
    seen.score = await page.locator('#score').textContent();
    seen.badgeLoaded = await page.locator('.pictures img').first().evaluate(img => img.complete && img.naturalWidth > 0);
    seen.qrLoaded = await page.locator('.pictures img').nth(1).evaluate(img => img.complete && img.naturalWidth > 0);
    // The page itself never scrolls sideways; wide tables scroll in their own focusable region.
    seen.organizationOverflows = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    await page.screenshot({ path: join(screenshots, `results-organization-${screen}.png`), fullPage: true });
    // The first screen as a visitor sees it (README's picture: docs/results/organization-page.png).
    await page.screenshot({ path: join(screenshots, `results-organization-${screen}-first-screen.png`) });
    await audit(page, `organization (${screen})`);

    await page.goto(municipalityUrl);
    const sButton = page.locator('table.sortable thead th button', { hasText: /^S$/ });
    await sButton.click();
    seen.firstSort = await page.locator('table.sortable thead th[aria-sort]').getAttribute('aria-sort');
    const ascending = await page.$$eval('table.sortable tbody tr td[data-figure=S]',
      cells => cells.map(c => c.dataset.value).filter(v => v !== '').map(Number));
    await sButton.click();
    seen.secondSort = await page.locator('table.sortable thead th[aria-sort]').getAttribute('aria-sort');
    const descending = await page.$$eval('table.sortable tbody tr td[data-figure=S]',
      cells => cells.map(c => c.dataset.value).filter(v => v !== '').map(Number));
    seen.sortedAscending = ascending.every((v, i) => i === 0 || ascending[i - 1] <= v);
    seen.sortedDescending = descending.every((v, i) => i === 0 || descending[i - 1] >= v);
    seen.sortedRows = ascending.length;
    seen.municipalityOverflows = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    await audit(page, `municipality (${screen})`);

    await page.goto(regionUrl);
    seen.regionHeading = await page.locator('h1').textContent();
    seen.regionOverflows = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    await audit(page, `region (${screen})`);
    report.screens[screen] = seen;
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
