// Answers a survey page as a respondent on a phone would, in Debian's headless Chromium, and runs axe-core on each
// page it sees. Usage: node survey-page.mjs <page URL> <folder for screenshots>
// Prints one JSON object: what it saw (the receipt, the skip logic, the layout's width) and every axe violation.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [url, screenshots] = process.argv.slice(2);
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const report = { violations: [], audits: [], pageErrors: [], consoleErrors: [], steps: {} };

// Every rule axe-core runs by default (WCAG 2.0–2.2 A and AA and best practices), on the page as it is now.
async function audit(page, name) {
  // Evaluated through the DevTools protocol: the page's Content Security Policy would refuse an injected script tag,
  // as it should.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  report.audits.push({ page: name, axe: result.testEngine.version,
    rules: result.passes.length + result.violations.length + result.incomplete.length + result.inapplicable.length });
  for (const v of result.violations) {
    report.violations.push({ page: name, id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map(n => n.target.join(' ')) });
  }
}

async function widerThanScreen(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

const browser = await chromium.launch({
  executablePath: process.env.NOKO_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // Test runs as root in containers, where Chromium's sandbox cannot start.
  args: ['--no-sandbox'],
});
try {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'ru-RU',
  });
  let page = await context.newPage();
  page.on('pageerror', error => report.pageErrors.push(String(error)));
  // A script or style the page's policy refused shows here («Refused to execute inline script …»).
  page.on('console', message => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text())) {
      report.consoleErrors.push(message.text());
    }
  });

  await page.goto(url);
  report.steps.title = await page.title();
  report.steps.overflowsOnOpen = await widerThanScreen(page);
  report.steps.q2HiddenAtFirst = await page.locator('#q-q2').isHidden();
  await audit(page, 'form');

  // Nothing answered: the server's problems, next to their questions.
  await page.locator('button[type=submit]').click();
  await page.waitForLoadState('load');
  report.steps.emptyPostTitle = await page.locator('#problems h2').textContent();
  report.steps.roleError = await page.locator('#role-error').textContent();
  report.steps.summaryFocused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  await audit(page, 'form with problems');

  // The keyboard alone reaches the role choice and picks it.
  await page.locator('#role-parent').focus();
  await page.keyboard.press('Space');
  report.steps.roleByKeyboard = await page.locator('#role-parent').isChecked();
  await page.close();

  // A fresh page view, answered as a respondent would.
  page = await context.newPage();
  page.on('pageerror', error => report.pageErrors.push(String(error)));
  // A script or style the page's policy refused shows here («Refused to execute inline script …»).
  page.on('console', message => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text())) {
      report.consoleErrors.push(message.text());
    }
  });
  await page.goto(url);
  await page.locator('label[for="role-parent"]').click();

  // Skip logic: q2 appears once q1 is «Да»; q4 stays hidden after q3 «Нет».
  await page.locator('label[for="a-q1-true"]').click();
  report.steps.q2ShownAfterYes = await page.locator('#q-q2').isVisible();
  await page.locator('label[for="a-q2-true"]').click();
  for (const [question, answer] of [['q3', 'false'], ['q5', 'true'], ['q6', 'false'], ['q8', 'true'],
      ['q9', 'true'], ['q10', 'false'], ['q12', 'true'], ['q13', 'true'], ['q14', 'true']]) {
    await page.locator(`label[for="a-${question}-${answer}"]`).click();
  }
  report.steps.q4HiddenAfterNo = await page.locator('#q-q4').isHidden();
  await page.locator('#a-q15').fill('Больше кружков по робототехнике');
  await page.locator('label[for="a-q16-female"]').click();
  await page.locator('#a-q17').fill('38');
  report.steps.overflowsAnswered = await widerThanScreen(page);
  await audit(page, 'answered form');
  // The picture for the README: the role chosen, q1 answered «Да» and q2, which that answer showed.
  await page.locator('#role').evaluate(role => role.scrollIntoView());
  await page.screenshot({ path: join(screenshots, 'survey-page.png') });

  // A double tap on a slow network: the first post reaches the server, which stores the response, but its answer is
  // held back, and the respondent, whose screen has not changed, taps «Отправить» again. (Chromium drops the second
  // click of a quick double click by itself, so holding the answer is what makes the second tap a second post.)
  let posts = 0;
  let firstArrived;
  const arrived = new Promise(resolve => { firstArrived = resolve; });
  await page.route('**/s/**', async route => {
    if (route.request().method() !== 'POST' || ++posts > 1) {
      return route.continue();
    }
    const response = await route.fetch({ maxRedirects: 0 });
    report.steps.firstAnswer = { status: response.status(), location: response.headers()['location'] };
    firstArrived();
    await new Promise(resolve => setTimeout(resolve, 1500));
    await route.fulfill({ response }).catch(() => {}); // the browser has given up on it for the second post
  });
  const submit = page.locator('button[type=submit]');
  await submit.scrollIntoViewIfNeeded();
  const box = await submit.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await arrived;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForURL(/\/thanks\//).catch(() => {}); // the first tap's navigation, abandoned
  await page.waitForURL(/\/thanks\//);
  report.steps.posts = posts;
  report.steps.thanksHeading = await page.locator('h1').textContent();
  report.receipt = (await page.locator('#receipt').textContent()).trim();
  report.steps.overflowsThanks = await widerThanScreen(page);
  await audit(page, 'thanks');
  await page.screenshot({ path: join(screenshots, 'survey-thanks.png') });
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
