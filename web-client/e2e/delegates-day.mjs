// Browser test: a delegate's day, in Arabic and in English. Egypt and Saudi Arabia work on Rev.1 in two browser
// contexts; axe-core runs on every view and fails the test on any violation. Run by server's
// DelegatesDayBrowserTest against a real server:
//   PLENARY_URL=… PLENARY_NEGOTIATION=1 PLENARY_REVISION=2 PLENARY_A_EMAIL=… (Egypt) PLENARY_B_EMAIL=… (Saudi
//   Arabia) PLENARY_ADMIN_EMAIL=… PLENARY_DOCX=/path/to.docx [PLENARY_SCREENSHOTS=dir] node e2e/delegates-day.mjs
// Passwords are PLENARY_*_PASSWORD. Uses Debian's Chromium; never downloads a browser.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const env = process.env;
const url = env.PLENARY_URL;
const n = env.PLENARY_NEGOTIATION;
const revision = env.PLENARY_REVISION;
const shots = env.PLENARY_SCREENSHOTS;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

function check(condition, message) {
  if (!condition) {
    console.error('FAILED: ' + message);
    process.exitCode = 1;
    throw new Error(message);
  }
  console.log('ok - ' + message);
}

/** Runs axe-core in the page (WCAG 2.x A and AA rules and best practices); any violation fails the test. */
async function axe(page, view) {
  // evaluated through the DevTools protocol, not added as an inline <script>: the page's CSP forbids those
  await page.evaluate(`${axeSource}\n;0`);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(' | ')}`);
  });
  check(result.length === 0, `axe-core finds no violation on ${view}${result.length ? ':\n  ' + result.join('\n  ') : ''}`);
}

/** No horizontal scrolling, and every visible control at least 44 px tall and wide enough to tap. */
async function mobileChecks(page, view) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `${view} at 390 px: no horizontal overflow (${overflow} px)`);
  const small = await page.evaluate(() => [...document.querySelectorAll('main button, main select, main a[href], header button, header a[href], main input:not([type=checkbox]):not([type=radio])')]
    .filter((e) => e.offsetParent !== null && !e.closest('.visually-hidden') && !e.closest('.skip'))
    .map((e) => ({ e, r: e.getBoundingClientRect() }))
    .filter(({ r }) => r.height > 0 && (r.height < 44 || r.width < 24))
    .map(({ e, r }) => `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent ?? '').trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`));
  check(small.length === 0, `${view} at 390 px: tap targets at least 44 px${small.length ? ': ' + small.slice(0, 5).join('; ') : ''}`);
}

async function open(browser, email, password, lang, viewport = { width: 1200, height: 900 }) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript((l) => localStorage.setItem('plenary.lang', l), lang);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error (${email}): ${e.message}`));
  await page.goto(url + '/');
  await page.locator('h1').waitFor();
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('form.login button[type=submit]');
  await page.locator('plenary-negotiations-view ul.list a').first().waitFor();
  return page;
}

async function openRevision(page) {
  await page.goto(`${url}/#/n/${n}/r/${revision}`);
  await page.locator('article.draft p.para').first().waitFor();
  await page.locator('.live-state.on').waitFor({ timeout: 10000 });
}

const texts = {
  ar: {
    quote: 'بمواصلة متابعة عمل مكتب تنمية الاتصالات', words: 'عملاً بالقرار 37', replacement: 'وفقاً للقرار 37', ins: 'وفقاً', del: 'عملاً',
    inserted: 'يشجع الدول الأعضاء على تبادل أفضل الممارسات في مجال التوصيلية', group: 'تعديل باسم المجموعة العربية: إضافة التمويل',
    propose: 'اقتراح على', mine: 'مقترحاتي', reason: 'الرقم لا يستند إلى مصدر', submittedBy: 'قدّمه EGY', proposals: /مقترح/, older: 'الأقدم',
  },
  en: {
    quote: 'بضمان استمرار مكتب تنمية الاتصالات', words: 'دور مركزي', replacement: 'دور رئيسي', ins: 'رئيسي', del: 'مركزي',
    inserted: 'Encourages Member States to share best practices on connectivity', group: 'Arab Group amendment: add financing',
    propose: 'Propose on', mine: 'Mine', reason: 'The figure has no source', submittedBy: 'submitted by EGY', proposals: /proposal/, older: 'Older',
  },
};

async function day(browser, lang) {
  const T = texts[lang];
  const egypt = await open(browser, env.PLENARY_A_EMAIL, env.PLENARY_A_PASSWORD, lang);
  check(await egypt.evaluate(() => document.documentElement.dir) === (lang === 'ar' ? 'rtl' : 'ltr'),
    `[${lang}] the interface is ${lang === 'ar' ? 'right-to-left' : 'left-to-right'}`);
  check(await egypt.locator('h1').count() === 1, `[${lang}] the negotiations page has an h1`);
  await axe(egypt, `[${lang}] the negotiations`);
  await egypt.locator('plenary-negotiations-view ul.list a').first().click();
  await egypt.locator('plenary-negotiation-view h1').waitFor();
  await egypt.locator('form.diff-picker').waitFor();
  await axe(egypt, `[${lang}] the negotiation with its revisions`);
  const meta = await egypt.locator('plenary-negotiation-view .list .meta').first().innerText();
  check(!meta.includes('·'), `[${lang}] no "·" separator next to the counts (${meta})`);
  if (lang === 'ar') check(/[٠-٩]/.test(meta), `[ar] counts in Arabic-Indic digits with their plural (${meta})`);

  await openRevision(egypt);
  const saudi = await open(browser, env.PLENARY_B_EMAIL, env.PLENARY_B_PASSWORD, lang);
  await openRevision(saudi);
  await saudi.evaluate(() => { window.__notReloaded = true; });
  check(await egypt.locator('h1').count() === 1, `[${lang}] the revision page has one h1`);
  await axe(egypt, `[${lang}] the revision`);

  const block = (page) => page.locator('.para-block', { has: page.locator('p.para', { hasText: T.quote }) });
  const proposeButton = block(egypt).locator('.propose-open');
  const label = await proposeButton.getAttribute('aria-label');
  check(label.startsWith(T.propose) && /OP\d/.test(label), `[${lang}] "Propose…" is named after its paragraph: "${label}"`);
  // keyboard: Enter opens the form with the focus in it, Escape closes it and gives the focus back
  await proposeButton.focus();
  await egypt.keyboard.press('Enter');
  await block(egypt).locator('form.propose').waitFor();
  check(await egypt.evaluate(() => document.activeElement?.getAttribute('name')) === 'kind',
    `[${lang}] Enter on "Propose…" moves the focus into the form`);
  const fieldFont = await egypt.evaluate(() => {
    const t = document.querySelector('form.propose textarea[name=text]');
    const p = document.querySelector('form.propose');
    return [getComputedStyle(t).fontFamily === getComputedStyle(p).fontFamily, getComputedStyle(t).fontSize, getComputedStyle(p).fontSize];
  });
  check(fieldFont[0] && fieldFont[1] === fieldFont[2], `[${lang}] the form fields use the font and size of the text around them (${fieldFont.slice(1).join(' / ')})`);
  await axe(egypt, `[${lang}] the revision with the proposal form open`);
  await egypt.keyboard.press('Escape');
  await block(egypt).locator('form.propose').waitFor({ state: 'detached' });
  check(await egypt.evaluate(() => document.activeElement?.classList.contains('propose-open')),
    `[${lang}] Escape closes the form and gives the focus back to "Propose…"`);

  // a span chosen with the keyboard: the words typed are found in the paragraph
  await egypt.keyboard.press('Enter');
  await block(egypt).locator('form.propose').waitFor();
  await egypt.keyboard.press('Tab');
  await egypt.keyboard.type(T.words);
  await block(egypt).locator('select[name=kind]').selectOption('amend');
  await block(egypt).locator('textarea[name=text]').fill(T.replacement);
  await block(egypt).locator('form.propose button[type=submit]').click();
  const onSpan = block(egypt).locator('.proposal', { has: egypt.locator('q.quote', { hasText: T.words }) });
  await onSpan.waitFor({ timeout: 10000 });
  await onSpan.locator('.redline ins', { hasText: T.ins }).waitFor({ timeout: 10000 });
  check((await onSpan.locator('.redline del').innerText()).includes(T.del),
    `[${lang}] a proposal on words typed with the keyboard shows its redline against the paragraph`);

  // a new paragraph after this one
  await block(egypt).locator('.propose-open').click();
  await block(egypt).locator('select[name=kind]').selectOption('insert_after');
  await block(egypt).locator('textarea[name=text]').fill(T.inserted);
  await block(egypt).locator('form.propose button[type=submit]').click();
  await block(egypt).locator('.proposal.kind-insert .text', { hasText: T.inserted }).waitFor({ timeout: 10000 });
  check(true, `[${lang}] Egypt proposes a new paragraph after this one from the form`);

  // for the Arab Group: Saudi Arabia sees who submitted it, and hears it arrive
  await block(egypt).locator('.propose-open').click();
  await block(egypt).locator('select[name=kind]').selectOption('comment');
  await block(egypt).locator('textarea[name=text]').fill(T.group);
  await block(egypt).locator('select[name=onBehalfOf]').selectOption('ARAB');
  await block(egypt).locator('form.propose button[type=submit]').click();
  const groupItem = block(saudi).locator('.proposal', { hasText: T.group });
  await groupItem.waitFor({ timeout: 10000 });
  check(await saudi.evaluate(() => window.__notReloaded === true), `[${lang}] Saudi Arabia sees the group's proposal live`);
  check((await groupItem.innerText()).includes('ARAB') && (await groupItem.locator('.submitted-by').innerText()).includes(T.submittedBy),
    `[${lang}] the group's proposal says "ARAB, ${T.submittedBy}"`);
  await saudi.waitForFunction(() => /ARAB/.test(document.getElementById('announcer')?.textContent ?? ''), null, { timeout: 10000 });
  check(await saudi.locator('#announcer[aria-live=polite]').count() === 1,
    `[${lang}] the arrival is announced in an aria-live region: "${await saudi.locator('#announcer').innerText()}"`);

  // support and objection as rules
  const own = block(egypt).locator('.proposal', { hasText: T.group });
  check(await own.locator('button.support').count() === 0, `[${lang}] Egypt cannot support its own (group's) proposal`);
  const support = groupItem.locator('button.support');
  check(/ARAB/.test(await support.getAttribute('aria-label')) && /OP\d/.test(await support.getAttribute('aria-label')),
    `[${lang}] "Support" names the proposal's delegation and paragraph: "${await support.getAttribute('aria-label')}"`);
  await support.click();
  await own.locator('.supporters', { hasText: 'SAU' }).waitFor({ timeout: 10000 });
  check(await support.getAttribute('aria-pressed') === 'true', `[${lang}] Saudi Arabia supports it; Egypt sees it live`);
  await groupItem.locator('button.object').click();
  await own.locator('.objectors', { hasText: 'SAU' }).waitFor({ timeout: 10000 });
  await own.locator('.supporters').waitFor({ state: 'detached', timeout: 10000 });
  check(true, `[${lang}] an objection replaces Saudi Arabia's support (one stance per delegation)`);
  // the reason for a stance: given in the browser, seen live, printed in the compilation
  await groupItem.locator('button.stance-reason').click();
  await groupItem.locator('form.stance-reason-form textarea').fill(T.reason);
  await groupItem.locator('form.stance-reason-form button[type=submit]').click();
  await own.locator('.stance-reasons', { hasText: T.reason }).waitFor({ timeout: 10000 });
  check(true, `[${lang}] Saudi Arabia gives the reason for its objection; Egypt sees it live`);
  for (const format of ['html', 'md', 'json', 'csv']) {
    const body = await egypt.evaluate(async (u) => (await fetch(u, { credentials: 'same-origin' })).text(),
      `${url}/api/v1/negotiations/${n}/revisions/${revision}/compilation?format=${format}&lang=${lang}`);
    const text = format === 'json' ? JSON.stringify(JSON.parse(body)) : body;
    check(text.includes(T.reason), `[${lang}] the objection's reason is in the compilation as ${format}`);
  }
  await groupItem.locator('button.object').click();
  await own.locator('.objectors').waitFor({ state: 'detached', timeout: 10000 });
  check(await groupItem.locator('button.object').getAttribute('aria-pressed') === 'false',
    `[${lang}] pressing "Object" again retracts the objection`);

  // filters and the overview
  await saudi.locator('.filters input[name=mine]').check();
  await saudi.waitForFunction(() => document.querySelectorAll('.proposal').length === 0);
  check(true, `[${lang}] "${T.mine}" leaves none of Egypt's proposals for Saudi Arabia`);
  await saudi.locator('.filters button.clear').click();
  await saudi.locator('.filters select[name=delegation]').selectOption('EGY');
  await block(saudi).locator('.proposal', { hasText: T.inserted }).waitFor();
  check(true, `[${lang}] the delegation filter keeps Egypt's proposals`);
  await saudi.locator('.filters button.clear').click();
  const paraId = await block(saudi).locator('p.para').getAttribute('data-id');
  const cell = saudi.locator(`.overview .heat-cell[href="#para-${paraId}"]`);
  const described = await cell.getAttribute('aria-label');
  check(T.proposals.test(described) && /[3٣]/.test(described.split(':')[1]) && (await cell.locator('.heat-count').innerText()).match(/^[3٣]/),
    `[${lang}] the overview counts the paragraph's proposals: "${described}"`);
  await axe(saudi, `[${lang}] the revision with proposals, filters and the overview`);
  if (shots && lang === 'ar') {
    await block(saudi).scrollIntoViewIfNeeded();
    await saudi.screenshot({ path: `${shots}/web-client-delegates-day.png` });
  }

  // the diff inside the app, from the revision before
  await saudi.locator('a.diff').click();
  await saudi.locator('.diff-view .diff-row').first().waitFor({ timeout: 10000 });
  const cites = await saudi.locator('.diff-row .diff-label > .cite').allInnerTexts();
  check(cites.length > 0 && cites.every((c) => !/^\(.\)$/.test(c)), `[${lang}] the diff cites paragraphs by label (${cites.slice(0, 4).join(', ')}…)`);
  check(await saudi.locator('.diff-row.change-unchanged').count() === 0, `[${lang}] the diff shows only the changes by default`);
  const older = await saudi.locator('.diff-sides .older').first().boundingBox();
  const newer = await saudi.locator('.diff-sides .newer').first().boundingBox();
  check(lang === 'ar' ? older.x > newer.x : older.x < newer.x,
    `[${lang}] side by side, the older text comes first in reading order (${lang === 'ar' ? 'on the right' : 'on the left'})`);
  await axe(saudi, `[${lang}] the diff, side by side`);
  if (shots && lang === 'ar') await saudi.screenshot({ path: `${shots}/web-client-diff.png` });
  await saudi.locator('input[name=layout][value=inline]').check();
  await saudi.locator('.diff-view.inline').waitFor();
  await axe(saudi, `[${lang}] the diff, inline`);

  // 390 px: no horizontal overflow, tap targets, the side-by-side diff falls back to inline
  const phone = await open(browser, env.PLENARY_B_EMAIL, env.PLENARY_B_PASSWORD, lang, { width: 390, height: 844 });
  await mobileChecks(phone, `[${lang}] the negotiations`);
  await phone.goto(`${url}/#/n/${n}`);
  await phone.locator('plenary-negotiation-view form.diff-picker').waitFor();
  await mobileChecks(phone, `[${lang}] the negotiation`);
  await phone.goto(`${url}/#/n/${n}/fates`);
  await phone.locator('plenary-fates-view h1').waitFor();
  await phone.locator('plenary-fates-view ol.fates, plenary-fates-view p').first().waitFor();
  await mobileChecks(phone, `[${lang}] what happened to our proposals`);
  await axe(phone, `[${lang}] what happened to our proposals (390 px)`);
  await openRevision(phone);
  await mobileChecks(phone, `[${lang}] the revision`);
  await phone.locator('a.diff').click();
  await phone.locator('.diff-view .diff-row').first().waitFor({ timeout: 10000 });
  check(await phone.locator('.diff-view.inline').count() === 1, `[${lang}] at 390 px the side-by-side diff falls back to inline`);
  await mobileChecks(phone, `[${lang}] the diff`);
  if (shots && lang === 'ar') await phone.screenshot({ path: `${shots}/web-client-mobile.png` });
  await Promise.all([egypt.context().close(), saudi.context().close(), phone.context().close()]);
}

/** The chair uploads a Word document in the revision picker. */
async function uploadDocx(browser) {
  const admin = await open(browser, env.PLENARY_ADMIN_EMAIL, env.PLENARY_ADMIN_PASSWORD, 'en');
  await admin.goto(`${url}/#/n/${n}`);
  await admin.locator('form.upload').waitFor();
  await axe(admin, '[en] the negotiation with the upload form');
  await admin.fill('form.upload input[name=label]', 'Rev.2 (Word)');
  await admin.setInputFiles('form.upload input[name=file]', env.PLENARY_DOCX);
  await admin.click('form.upload button[type=submit]');
  await admin.waitForFunction(() => document.querySelector('h1')?.textContent === 'Rev.2 (Word)', null, { timeout: 15000 });
  check(await admin.locator('article.draft p.para').count() > 5, 'a DOCX uploaded in the revision picker becomes the next revision');
  await admin.context().close();
}

/** The login page, in both languages. */
async function login(browser) {
  for (const lang of ['en', 'ar']) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.addInitScript((l) => localStorage.setItem('plenary.lang', l), lang);
    const page = await context.newPage();
    await page.goto(url + '/');
    await page.locator('form.login').waitFor();
    check(await page.locator('h1').count() === 1, `[${lang}] the login page has an h1`);
    await axe(page, `[${lang}] the login page`);
    await page.setViewportSize({ width: 390, height: 844 });
    await mobileChecks(page, `[${lang}] the login page`);
    await context.close();
  }
}

const browser = await chromium.launch({
  executablePath: env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  await login(browser);
  await day(browser, 'ar');
  await day(browser, 'en');
  await uploadDocx(browser);
} finally {
  await browser.close();
}
