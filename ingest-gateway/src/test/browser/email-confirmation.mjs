// Confirms an e-mail address on a survey page as a respondent on a phone would, in Debian's headless Chromium: the
// address, the code from the letter (read from the local outbox folder), the questionnaire, the receipt. Runs
// axe-core on each step. Usage: node email-confirmation.mjs <page URL> <outbox folder> <address>
// Prints one JSON object: what it saw and every axe violation.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const [url, outbox, address] = process.argv.slice(2);
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const report = { violations: [], audits: [], pageErrors: [], consoleErrors: [], steps: {} };

async function audit(page, name) {
  // Evaluated through the DevTools protocol: the page's Content Security Policy would refuse an injected script tag,
  // as it should.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  report.audits.push({ page: name,
    rules: result.passes.length + result.violations.length + result.incomplete.length + result.inapplicable.length });
  for (const v of result.violations) {
    report.violations.push({ page: name, id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map(n => n.target.join(' ')) });
  }
}

// The newest letter to the address in the outbox folder (NNNN.txt: «Кому: …», «Тема: …», the text).
async function codeFromTheOutbox() {
  for (let attempt = 0; attempt < 100; attempt++) {
    const letters = readdirSync(outbox).filter(name => name.endsWith('.txt')).sort().reverse();
    for (const name of letters) {
      const text = readFileSync(join(outbox, name), 'utf8');
      if (text.startsWith('Кому: ' + address + '\n')) {
        return text.match(/код подтверждения: (\d{6})/)[1];
      }
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error('no letter to ' + address);
}

const browser = await chromium.launch({
  executablePath: process.env.NOKO_CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox'],
});
try {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'ru-RU',
  });
  const page = await context.newPage();
  page.on('pageerror', error => report.pageErrors.push(String(error)));
  // A script or style the page's policy refused shows here («Refused to execute inline script …»).
  page.on('console', message => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text())) {
      report.consoleErrors.push(message.text());
    }
  });

  await page.goto(url);
  report.steps.addressHeading = await page.locator('h1').textContent();
  await audit(page, 'address');
  await page.locator('#email').fill(address);
  await page.locator('button[type=submit]').click();
  await page.waitForLoadState('load');
  report.steps.codeHeading = await page.locator('h1').textContent();
  await audit(page, 'code');

  await page.locator('#code').fill('000000' === await codeFromTheOutbox() ? '111111' : '000000');
  await page.locator('button[type=submit]').click();
  await page.waitForLoadState('load');
  report.steps.wrongCode = await page.locator('#code-error').textContent();
  await audit(page, 'wrong code');

  await page.locator('#code').fill(await codeFromTheOutbox());
  await page.locator('button[type=submit]').click();
  await page.waitForLoadState('load');
  report.steps.confirmed = await page.locator('.confirmed').textContent();
  await page.locator('label[for="role-parent"]').click();
  for (const [question, answer] of [['q1', 'false'], ['q3', 'false'], ['q5', 'true'], ['q6', 'false'], ['q8', 'true'],
      ['q9', 'true'], ['q10', 'false'], ['q12', 'true'], ['q13', 'true'], ['q14', 'true']]) {
    await page.locator(`label[for="a-${question}-${answer}"]`).click();
  }
  await audit(page, 'questionnaire with the address confirmed');
  // Sent from the keyboard, as many respondents do.
  await page.locator('button[type=submit]').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/thanks\//);
  report.receipt = (await page.locator('#receipt').textContent()).trim();
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
