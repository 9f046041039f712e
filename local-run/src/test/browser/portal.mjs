// The portal as its people use it, in Debian's headless Chromium: the regional operator loads the registry and opens a
// campaign, an organization changes its first password and watches its coverage. Each scenario also answers the
// survey page as a respondent would. playwright-core comes from the survey page's browser test folder (installed by
// ./noko setup), named by NOKO_BROWSER_MODULES. Usage:
//   node portal.mjs registry <portal> <login> <password> <broken.csv> <fixed.csv>
//   node portal.mjs campaign <portal> <login> <password> <campaign id> <gateway> <organization id>
//   node portal.mjs organization <portal> <login> <first password> <new password> <campaign id> <gateway>
//   node portal.mjs checklist <portal> <login> <password> <campaign id> <photo.jpg> <screenshot.png>
//   node portal.mjs return <portal> <operator> <password> <organization id> <campaign id> <login> <password>
// Prints one JSON object: what it saw at each step.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(join(process.env.NOKO_BROWSER_MODULES, 'package.json'));
const { chromium } = require('playwright-core');
const [scenario, portal, ...args] = process.argv.slice(2);
const report = { scenario, pageErrors: [], steps: {} };

async function login(page, user, password) {
  await page.goto(portal + '/login');
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(password);
  // The login form posts and redirects: wait for that navigation, not for the page already loaded.
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type=submit]').click()]);
  return new URL(page.url()).pathname;
}

// Submits the form the button belongs to and waits for the page it leads to.
async function submit(page, button) {
  await Promise.all([page.waitForNavigation(), page.locator(button).click()]);
}

async function registry(page) {
  const [user, password, broken, fixed] = args;
  report.steps.afterLogin = await login(page, user, password);
  await page.goto(portal + '/operator/registry');
  report.steps.countBefore = (await page.locator('main strong').first().textContent()).trim();
  await page.locator('#file').setInputFiles(broken);
  await submit(page, 'form[enctype] button[type=submit]');
  report.steps.refusedHeading = (await page.locator('.problem h2').textContent()).replace(/\s+/g, ' ').trim();
  report.steps.problems = await page.locator('tr.line-problem').evaluateAll(rows => rows.map(row =>
    Array.from(row.querySelectorAll('td')).map(cell => cell.textContent.trim())));
  report.steps.countAfterRefusal = (await page.locator('main strong').first().textContent()).trim();
  await page.locator('#file').setInputFiles(fixed);
  await submit(page, 'form[enctype] button[type=submit]');
  report.steps.previewPath = new URL(page.url()).pathname;
  report.steps.preview = (await page.locator('main').textContent()).replace(/\s+/g, ' ').trim().slice(0, 400);
  await submit(page, 'form[action*="/confirm"] button[type=submit]');
  report.steps.doneHeading = (await page.locator('h1').textContent()).trim();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#credentials').click()]);
  report.steps.credentialsFile = download.suggestedFilename();
  report.credentials = readFileSync(await download.path(), 'utf8');
  await page.goto(portal + '/operator/registry');
  report.steps.countAfterImport = (await page.locator('main strong').first().textContent()).trim();
}

// Answers the НОКО questionnaire as a parent saying yes to everything, and returns the receipt.
async function answerSurvey(page, url) {
  for (let attempt = 0; ; attempt++) {
    const response = await page.goto(url);
    if (response.status() === 200) {
      report.steps.surveyPageAttempts = attempt + 1;
      break;
    }
    if (attempt >= 60) {
      throw new Error('the survey page answered ' + response.status() + ' for 30 s');
    }
    await page.waitForTimeout(500);
  }
  report.steps.surveyHeading = (await page.locator('h1').textContent()).trim();
  await page.locator('label[for="role-parent"]').click();
  for (let round = 0; round < 20; round++) {
    const open = page.locator('input[type=radio][value="true"]:visible:not(:checked)');
    if (await open.count() === 0) {
      break;
    }
    const id = await open.first().getAttribute('id');
    await page.locator(`label[for="${id}"]`).click();
  }
  await page.locator('#a-q15').fill('Спасибо учителям');
  await page.locator('label[for="a-q16-female"]').click();
  await page.locator('#a-q17').fill('41');
  await submit(page, 'button[type=submit]');
  report.steps.thanksPath = new URL(page.url()).pathname;
  return (await page.locator('#receipt').textContent()).trim();
}

async function campaign(page, context) {
  const [user, password, id, gateway, organization] = args;
  report.steps.afterLogin = await login(page, user, password);
  await page.goto(portal + '/operator/campaigns/new');
  await page.locator('#id').fill(id);
  await page.locator('#title').fill('Опрос, открытый из портала');
  await page.locator('#method').selectOption('noko-education');
  await page.locator('#minFillSeconds').fill('0');
  await submit(page, 'main form button[type=submit]');
  report.steps.afterSave = new URL(page.url()).pathname + new URL(page.url()).search;
  report.steps.saveProblems = await page.locator('.problem li').allTextContents();
  report.steps.campaignsPage = (await page.locator('main').textContent()).replace(/\s+/g, ' ').trim().slice(0, 300);
  const respondent = await context.newPage();
  report.receipt = await answerSurvey(respondent, `${gateway}/s/${id}/${organization}`);
}

// Parents counted in the campaign's coverage table of the organization's page; 0 while it has no table.
async function coverage(page, campaignId) {
  const cell = page.locator(`section.campaign:has(a.survey-link[href*="/s/${campaignId}/"]) tr[data-role="parent"] td.responses`);
  return (await cell.count()) === 0 ? 0 : Number((await cell.first().textContent()).trim());
}

async function organization(page, context) {
  const [user, first, next, campaignId, gateway] = args;
  report.steps.afterLogin = await login(page, user, first);
  await page.locator('#current').fill(first);
  await page.locator('#password').fill(next);
  await page.locator('#repeated').fill(next);
  await submit(page, 'main form button[type=submit]');
  report.steps.afterPasswordChange = new URL(page.url()).pathname + new URL(page.url()).search;
  report.steps.notice = (await page.locator('.notice').allTextContents()).map(text => text.trim());
  report.steps.heading = (await page.locator('h1').textContent()).trim();
  report.steps.surveyLinks = await page.locator('a.survey-link').allTextContents();
  report.steps.coverageBefore = await coverage(page, campaignId);
  const respondent = await context.newPage();
  report.receipt = await answerSurvey(respondent, `${gateway}/s/${campaignId}/${user}`);
  for (let attempt = 0; attempt < 90; attempt++) {
    await page.reload();
    report.steps.coverageAfter = await coverage(page, campaignId);
    if (report.steps.coverageAfter > report.steps.coverageBefore) {
      break;
    }
    await page.waitForTimeout(1000);
  }
  // A new login with the first password no longer works.
  const other = await (await context.browser().newContext()).newPage();
  report.steps.oldPasswordLands = await login(other, user, first);
}

// Ticks a checkbox (or types into a field) and waits until the page's script says the draft is saved.
async function autosaved(page, change) {
  await page.locator('#autosave-status').evaluate(status => status.setAttribute('data-saved', ''));
  await change();
  await page.waitForFunction(() => document.getElementById('autosave-status').getAttribute('data-saved'));
}

// Opens the campaign's self-assessment from the organization's page, as its staff would.
async function openChecklist(page, campaignId) {
  await page.goto(portal + '/organization');
  const section = page.locator(`section.campaign:has(a.survey-link[href*="/s/${campaignId}/"])`);
  const link = section.locator('a.self-assessment');
  if (await link.count() !== 1) {
    throw new Error(`no self-assessment link for ${campaignId} at ${page.url()}: `
      + (await page.locator('main').textContent()).replace(/\s+/g, ' ').slice(0, 1500));
  }
  await Promise.all([page.waitForNavigation(), link.click()]);
}

async function checklist(page, context) {
  const [user, password, campaignId, photo, screenshot] = args;
  report.steps.afterLogin = await login(page, user, password) + new URL(page.url()).search;
  await openChecklist(page, campaignId);
  report.steps.stateBefore = (await page.locator('#state').textContent()).trim();
  // First sitting: one stand item ticked (saved by the script), its photo attached (saved with the form).
  await autosaved(page, () => page.locator('#present-stand-general').check());
  await Promise.all([page.waitForNavigation(), page.locator('#photo-stand-general').setInputFiles(photo)]);
  report.steps.afterPhoto = new URL(page.url()).search;
  await autosaved(page, () => page.locator('#present-site-general').check());
  await autosaved(page, () => page.locator('#link-site-general').fill('https://school.example.ru/sveden/common'));
  report.steps.savedAt = (await page.locator('#autosave-status').textContent()).trim();
  await submit(page, 'header form button[type=submit]');

  // Second sitting, on another device: the draft is there as it was left.
  const other = await (await context.browser().newContext({ locale: 'ru-RU' })).newPage();
  other.on('pageerror', error => report.pageErrors.push(String(error)));
  await login(other, user, password);
  await openChecklist(other, campaignId);
  report.steps.stateFound = (await other.locator('#state').textContent()).trim();
  report.steps.found = {
    standGeneral: await other.locator('#present-stand-general').isChecked(),
    siteGeneral: await other.locator('#present-site-general').isChecked(),
    standContacts: await other.locator('#present-stand-contacts').isChecked(),
    link: await other.locator('#link-site-general').inputValue(),
    photos: await other.locator('#item-stand-general ul.photos li').count(),
  };
  await other.setViewportSize({ width: 1000, height: 1000 });
  await other.screenshot({ path: screenshot });
  // Finished: submitted, and the form is locked.
  await submit(other, '#submit');
  report.steps.stateAfter = (await other.locator('#state').textContent()).trim();
  report.steps.problemsAfter = await other.locator('#problems li').allTextContents();
  report.steps.lockedForm = await other.locator('#checklist').count();
}

async function returned(page, context) {
  const [operator, password, organizationId, campaignId, user, userPassword] = args;
  await login(page, operator, password);
  await page.goto(portal + '/operator/self-assessments?campaign=' + encodeURIComponent(campaignId));
  await Promise.all([page.waitForNavigation(),
    page.locator(`tr[data-organization="${organizationId}"] a`).click()]);
  report.steps.operatorSees = (await page.locator('#state').textContent()).trim();
  report.steps.thumbnails = await page.locator('ul.photos img').count();
  report.steps.thumbnailLoaded = await page.locator('ul.photos img').first()
    .evaluate(image => image.complete && image.naturalWidth > 0);
  await page.locator('#comment').fill('Приложите фотографию стенда с лицензией');
  await submit(page, '#return');
  report.steps.afterReturn = new URL(page.url()).search;
  const school = await (await context.browser().newContext({ locale: 'ru-RU' })).newPage();
  await login(school, user, userPassword);
  await openChecklist(school, campaignId);
  report.steps.stateReturned = (await school.locator('#state').textContent()).trim();
  report.steps.comment = (await school.locator('#return-comment p').textContent()).trim();
}

const browser = await chromium.launch({
  executablePath: process.env.NOKO_CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox'],
});
try {
  const context = await browser.newContext({ locale: 'ru-RU', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', error => report.pageErrors.push(String(error)));
  const scenarios = { registry, campaign, organization, checklist, return: returned };
  await scenarios[scenario](page, context);
} catch (error) {
  report.error = String(error && error.stack || error);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
