// Browser test: a group's private stage, three browsers on the Arabic zero draft of Resolution 88. Egypt (Arabic),
// which coordinates the Arab Group, opens the stage from the revision; Saudi Arabia (English) writes a note and sees
// Egypt adopt it live; Egypt combines two colliding amendments through the merge conflict, reviews and submits; the
// United States (English), outside the group, sees nothing of it until the submission and then the group's proposals
// live. axe-core on every new view; a 390 px phone. Run by server's GroupStageBrowserTest:
//   PLENARY_URL=… PLENARY_NEGOTIATION=1 PLENARY_REVISION=1 PLENARY_EGY_EMAIL=… PLENARY_SAU_EMAIL=… PLENARY_USA_EMAIL=…
//   (passwords PLENARY_*_PASSWORD) [PLENARY_SCREENSHOTS=dir] node e2e/group-stage.mjs
// Uses Debian's Chromium; never downloads a browser.
import { chromium } from 'playwright-core';
import { axe, check } from './common.mjs';

const env = process.env;
const url = env.PLENARY_URL;
const n = env.PLENARY_NEGOTIATION;
const revision = env.PLENARY_REVISION;
const shots = env.PLENARY_SCREENSHOTS;
const FIGURE = '2,9 مليار';

async function open(browser, who, lang, viewport = { width: 1280, height: 1000 }) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript((l) => localStorage.setItem('plenary.lang', l), lang);
  const page = await context.newPage();
  pages[`${who}-${lang}-${viewport.width}`] = page;
  page.on('pageerror', (e) => console.error(`page error (${who}): ${e.message}`));
  await page.goto(url + '/');
  await page.fill('input[name=email]', env[`PLENARY_${who}_EMAIL`]);
  await page.fill('input[name=password]', env[`PLENARY_${who}_PASSWORD`]);
  await page.click('form.login button[type=submit]');
  await page.locator('plenary-negotiations-view ul.list a').first().waitFor();
  return page;
}

const figurePara = (page) => page.locator('.gs-para', { has: page.locator('p.para', { hasText: FIGURE }) });
const noteOf = (page, id) => page.locator(`.gs-note[data-id="${id}"]`);

async function writeNote(page, words, text) {
  const para = figurePara(page);
  await para.locator('button.gs-write-open').click();
  const form = para.locator('form.gs-write');
  await form.locator('select[name=kind]').selectOption('amend');
  await form.locator('input[name=words]').fill(words);
  await form.locator('textarea[name=text]').fill(text);
  const before = await para.locator('.gs-note').count();
  await form.locator('button[type=submit]').click();
  await para.locator('.gs-note').nth(before).waitFor();
  return Number(await para.locator('.gs-note').nth(before).getAttribute('data-id'));
}

const pages = {};
const browser = await chromium.launch({
  executablePath: env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  // --- the United States, outside the group, reads the revision first ---
  const usa = await open(browser, 'USA', 'en');
  await usa.goto(`${url}/#/n/${n}/r/${revision}`);
  await usa.locator('article.draft p.para').first().waitFor();
  await usa.locator('.live-state.on').waitFor({ timeout: 10000 });
  await usa.evaluate(() => { window.__notReloaded = true; });

  // --- Egypt opens the Arab Group's stage from the revision ---
  const egy = await open(browser, 'EGY', 'ar');
  await egy.goto(`${url}/#/n/${n}/r/${revision}`);
  await egy.locator('button.group-open-stage[data-group="ARAB"]').waitFor();
  await egy.click('button.group-open-stage[data-group="ARAB"]');
  await egy.locator('form.group-open-form').waitFor();
  await axe(egy, '[ar] the revision with "open the group stage"');
  await egy.fill('form.group-open-form input[name=guests]', '');
  await egy.click('form.group-open-form button[type=submit]');
  await egy.waitForURL(/\/groups\/ARAB$/);
  await egy.locator('.gs-banner.private').waitFor();
  check(await egy.evaluate(() => document.documentElement.dir) === 'rtl', '[ar] the group stage is right-to-left');
  check((await egy.locator('.gs-banner.private').innerText()).includes('ARAB'),
    '[ar] Egypt opens the Arab Group\'s stage from the revision');
  await egy.locator('.live-state.on').waitFor({ timeout: 10000 });
  await egy.evaluate(() => { window.__notReloaded = true; });

  // --- Saudi Arabia finds the stage on the revision and writes a note ---
  const sau = await open(browser, 'SAU', 'en');
  await sau.goto(`${url}/#/n/${n}/r/${revision}`);
  await sau.locator('.group-stage[data-group="ARAB"] a.group-open').waitFor();
  check((await sau.locator('.group-stage[data-group="ARAB"] a.group-open').getAttribute('aria-label')) === 'Open the workspace of ARAB',
    '[en] Saudi Arabia sees the Arab Group\'s stage on the revision');
  await axe(sau, '[en] the revision with its group stages');
  await sau.click('.group-stage[data-group="ARAB"] a.group-open');
  await sau.locator('.gs-banner.private').waitFor();
  check((await sau.locator('.gs-banner.private').innerText()).includes('Private to ARAB until submitted'),
    '[en] the banner says the stage is private to ARAB until submitted');
  await sau.locator('.live-state.on').waitFor({ timeout: 10000 });
  await sau.evaluate(() => { window.__notReloaded = true; });
  await figurePara(sau).locator('button.gs-write-open').click();
  await axe(sau, '[en] the group stage with the note form open');
  await figurePara(sau).locator('form.gs-write button.link').click();
  const note1 = await writeNote(sau, FIGURE, '2,6 مليار');
  check((await noteOf(sau, note1).locator('.delegation').innerText()) === 'SAU', '[en] Saudi Arabia\'s note is in the group');
  check((await noteOf(sau, note1).locator('.redline ins').allInnerTexts()).join(' ').includes('2,6'),
    '[en] the note shows the paragraph as it would have it, "2,6" inserted');

  // --- Egypt sees it live and adopts it; Saudi Arabia sees the decision live ---
  await noteOf(egy, note1).waitFor({ timeout: 10000 });
  check(await egy.evaluate(() => window.__notReloaded === true), '[ar] Egypt sees Saudi Arabia\'s note live, without reloading');
  const adoptLabel = await noteOf(egy, note1).locator('button.gs-adopt').getAttribute('aria-label');
  check(/^اعتماد: ملاحظة SAU على PP\d+/.test(adoptLabel), `[ar] the adopt button names the note and paragraph: "${adoptLabel}"`);
  await noteOf(egy, note1).locator('button.gs-adopt').click();
  await noteOf(egy, note1).locator('.gs-decision.decision-adopt').waitFor();
  await noteOf(sau, note1).locator('.gs-decision.decision-adopt').waitFor({ timeout: 10000 });
  check(await sau.evaluate(() => window.__notReloaded === true), '[en] Saudi Arabia sees its note adopted live, without reloading');
  await sau.locator('.gs-item').first().waitFor();
  check((await sau.locator('.gs-item .gs-cosponsors').first().innerText()).includes('SAU'),
    '[en] the draft position lists Saudi Arabia as co-sponsor of the adopted item');
  check(await sau.locator('.gs-item input.gs-cosponsor').first().isChecked(), '[en] the co-sponsor box is checked (opt-out)');
  await axe(sau, '[en] the group stage with a decided note and the draft position');

  // --- two colliding amendments: the server will not merge them; Egypt types the group's text ---
  const note2 = await writeNote(sau, FIGURE, '2,8 مليار');
  await noteOf(egy, note2).waitFor({ timeout: 10000 });
  const note3 = await writeNote(egy, FIGURE, '3 مليارات');
  await noteOf(egy, note2).locator('input.gs-select').check();
  await noteOf(egy, note3).locator('input.gs-select').check();
  await figurePara(egy).locator('button.gs-combine').click();
  await egy.locator('.gs-conflict').waitFor();
  const conflictText = await egy.locator('.gs-conflict').innerText();
  const marks = await egy.locator('.gs-conflict mark.collide').allInnerTexts();
  check(conflictText.includes('لم يُدمج شيء') && marks.length > 0,
    '[ar] the merge conflict is shown in Arabic with the colliding words marked');
  await axe(egy, '[ar] the group stage with a merge conflict');
  const paragraphText = await figurePara(egy).locator('p.para .ptext').innerText();
  await egy.locator('.gs-combine-form textarea[name=text]').fill(paragraphText.replace(FIGURE, '2,8 مليار'));
  await egy.locator('.gs-combine-form button[type=submit]').click();
  await egy.locator('.gs-conflict').waitFor({ state: 'detached' });
  await egy.locator('.gs-item').nth(1).waitFor();
  await noteOf(egy, note2).locator('.gs-decision.decision-combined').waitFor({ timeout: 10000 });
  await noteOf(egy, note3).locator('.gs-decision.decision-combined').waitFor({ timeout: 10000 });
  check(true, '[ar] the two amendments are combined into one item of the position');
  await figurePara(egy).scrollIntoViewIfNeeded();
  if (shots) await egy.screenshot({ path: `${shots}/group-stage-ar.png` });

  // --- nothing reached the United States ---
  check(await usa.locator('.proposal').count() === 0 && await usa.locator('plenary-group-stages section').count() === 0,
    '[en] the United States sees nothing of the group before the submission');

  // --- the notes document, Arabic first ---
  const docLinks = await egy.locator('a.gs-doc').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  check(docLinks[0].includes('format=docx') && docLinks[0].includes('lang=ar'), '[ar] the first download is the Arabic DOCX');
  const docx = await egy.request.get(url + docLinks[0]);
  check(docx.status() === 200 && (docx.headers()['content-type'] ?? '').includes('wordprocessingml'),
    '[ar] the notes document downloads as DOCX');

  // --- Egypt reviews and submits ---
  await egy.click('button.gs-review');
  await egy.locator('.gs-summary').waitFor();
  check((await egy.locator('.gs-summary-total').innerText()).startsWith('٢'), '[ar] the summary announces two proposals');
  check((await egy.locator('.gs-summary-cosponsors').innerText()).includes('SAU'), '[ar] the summary names Saudi Arabia as co-sponsor');
  await axe(egy, '[ar] the submission summary');
  await egy.click('button.gs-submit');
  await egy.locator('.gs-banner.submitted').waitFor();
  check(true, '[ar] Egypt submits the position');
  await sau.locator('.gs-banner.submitted').waitFor({ timeout: 10000 });
  await noteOf(sau, note1).locator('.gs-fate').waitFor({ timeout: 10000 });
  check(await sau.evaluate(() => window.__notReloaded === true), '[en] Saudi Arabia sees the submission and its note\'s proposal live');

  // --- the United States sees the group's proposals, live ---
  await usa.locator('.proposal .delegation', { hasText: 'ARAB' }).first().waitFor({ timeout: 10000 });
  check(await usa.evaluate(() => window.__notReloaded === true) && (await usa.locator('.proposal').count()) === 2,
    '[en] the United States sees the Arab Group\'s proposals live after the submission');
  check((await usa.locator('.proposal .submitted-by').first().innerText()).includes('EGY'), '[en] they read "ARAB, submitted by EGY"');
  await usa.goto(`${url}/#/n/${n}/r/${revision}/groups/ARAB`);
  await usa.locator('p.notice').waitFor();
  check(await usa.locator('.gs-note').count() === 0, '[en] the group\'s workspace shows the United States nothing');

  // --- a 390 px phone in Arabic ---
  const phone = await open(browser, 'SAU', 'ar', { width: 390, height: 844 });
  await phone.goto(`${url}/#/n/${n}/r/${revision}/groups/ARAB`);
  await phone.locator('.gs-note').first().waitFor();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(overflow <= 0, `[ar] no horizontal overflow at 390 px (${overflow} px)`);
  await axe(phone, '[ar] the group stage on a 390 px phone');
} catch (e) {
  if (!process.exitCode) {
    console.error('FAILED: ' + (e?.stack ?? e));
    process.exitCode = 1;
  }
  // what each browser showed as an error, to tell why
  for (const [who, page] of Object.entries(pages)) {
    const errors = await page.locator('.error').allInnerTexts().catch(() => []);
    if (errors.length) console.error(`errors shown to ${who}: ${errors.join(' | ')}`);
  }
} finally {
  await browser.close();
}
