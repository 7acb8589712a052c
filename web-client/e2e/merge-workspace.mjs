// Browser test: the facilitators' merge workspace. Two facilitators (Arabic and English) prepare Rev.1 from the
// Arabic zero draft of Resolution 88 with its sample proposals: they decide, see each other's decisions live,
// combine two proposals, resolve the collision of p1 and p12, edit, insert and move paragraphs, publish; Egypt's delegate is told that
// Rev.1 is published and sees what happened to its proposals. axe-core runs on every new view. Run by server's
// MergeWorkspaceBrowserTest:
//   PLENARY_URL=… PLENARY_NEGOTIATION=1 PLENARY_REVISION=1 PLENARY_PROPOSALS='{"p1":3,…}' PLENARY_A_EMAIL=…
//   PLENARY_B_EMAIL=… PLENARY_D_EMAIL=… (passwords PLENARY_*_PASSWORD) [PLENARY_SCREENSHOTS=dir] node e2e/merge-workspace.mjs
// Uses Debian's Chromium; never downloads a browser.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { mobileChecks } from './common.mjs';

const env = process.env;
const url = env.PLENARY_URL;
const n = env.PLENARY_NEGOTIATION;
const revision = env.PLENARY_REVISION;
const ids = JSON.parse(env.PLENARY_PROPOSALS);
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

async function axe(page, view) {
  await page.evaluate(`${axeSource}\n;0`);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(' | ')}`);
  });
  check(result.length === 0, `axe-core finds no violation on ${view}${result.length ? ':\n  ' + result.join('\n  ') : ''}`);
}

async function open(browser, email, password, lang) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  await context.addInitScript((l) => localStorage.setItem('plenary.lang', l), lang);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error (${email}): ${e.message}`));
  await page.goto(url + '/');
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('form.login button[type=submit]');
  await page.locator('plenary-negotiations-view ul.list a').first().waitFor();
  return page;
}

const proposal = (page, sample) => page.locator(`.ws-proposal[data-id="${ids[sample]}"]`);
const paragraphOf = (page, sample) => page.locator('.ws-para', { has: page.locator(`.ws-proposal[data-id="${ids[sample]}"]`) });
const decisionOf = async (page, sample) => (await proposal(page, sample).locator('.ws-decision').getAttribute('class'))
  .split(/\s+/).find((c) => c.startsWith('decision-'))?.slice('decision-'.length);
async function waitDecision(page, sample, decision, timeout = 10000) {
  await page.locator(`.ws-proposal[data-id="${ids[sample]}"] .ws-decision.decision-${decision}`).waitFor({ timeout });
}

const browser = await chromium.launch({
  executablePath: env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  // --- the Arabic facilitator prepares Rev.1 from the zero draft ---
  const a = await open(browser, env.PLENARY_A_EMAIL, env.PLENARY_A_PASSWORD, 'ar');
  await a.goto(`${url}/#/n/${n}/r/${revision}`);
  await a.locator('form.ws-prepare').waitFor();
  check(await a.inputValue('form.ws-prepare input[name=label]') === 'Rev.1', '[ar] "Prepare" offers the label Rev.1 after the zero draft');
  await axe(a, '[ar] the revision with "Prepare Rev.1"');
  await a.click('form.ws-prepare button[type=submit]');
  await a.waitForURL(/\/merge$/);
  await a.locator('.ws-para').first().waitFor();
  await a.locator('.live-state.on').waitFor({ timeout: 10000 });
  check(await a.evaluate(() => document.documentElement.dir) === 'rtl', '[ar] the workspace is right-to-left');
  check((await a.locator('h1').innerText()).includes('Rev.1'), '[ar] the workspace of Rev.1 is open');
  const p1 = proposal(a, 'p1');
  check((await p1.locator('.submitted-by').innerText()).includes('EGY') && (await p1.locator('.delegation').innerText()) === 'ARAB',
    '[ar] p1 reads as the Arab Group\'s, submitted by Egypt');
  check((await p1.locator('.cosponsors').innerText()).includes('SAU'), '[ar] p1 shows its co-sponsor Saudi Arabia');
  check(/١ رد/.test(await p1.locator('.ws-replies').innerText()), '[ar] p1 shows its discussion: one reply');
  check((await p1.locator('.supporters').innerText()).includes('ARE'), '[ar] p1 shows the support of the UAE');
  check((await p1.locator('.stance-reasons').innerText()).includes('نؤيد مقترح المجموعة العربية'), '[ar] and the reason the UAE gave');
  await p1.locator('button.ws-replies').click();
  await p1.locator('.ws-thread li.reply').first().waitFor({ timeout: 10000 });
  check((await p1.locator('.ws-thread').innerText()).includes('ما مصدر رقم 2,6 مليار؟'), '[ar] p1\'s discussion opens in the workspace: Saudi Arabia\'s question');
  const acceptLabel = await p1.locator('button.ws-accept').getAttribute('aria-label');
  check(/^قبول مقترح ARAB على PP\d+/.test(acceptLabel), `[ar] the accept button names the proposal and paragraph: "${acceptLabel}"`);
  await axe(a, '[ar] the workspace');

  // --- the English facilitator opens the same workspace ---
  const b = await open(browser, env.PLENARY_B_EMAIL, env.PLENARY_B_PASSWORD, 'en');
  await b.goto(`${url}/#/n/${n}/r/${revision}`);
  await b.locator('a.ws-resume').waitFor();
  await b.click('a.ws-resume');
  await b.locator('.ws-para').first().waitFor();
  await b.locator('.live-state.on').waitFor({ timeout: 10000 });
  await b.evaluate(() => { window.__notReloaded = true; });
  await a.evaluate(() => { window.__notReloaded = true; });
  await axe(b, '[en] the workspace');

  // decisions, seen live by the other facilitator
  await p1.locator('button.ws-accept').click();
  await waitDecision(a, 'p1', 'accept');
  check((await paragraphOf(a, 'p1').locator('.ws-text ins').allInnerTexts()).join(' ').includes('2,6'),
    '[ar] accepting p1 shows "2,6" inserted in the redline against the zero draft');
  await waitDecision(b, 'p1', 'accept');
  check(await b.evaluate(() => window.__notReloaded === true), '[en] the other facilitator sees p1 accepted live, without reloading');
  await proposal(b, 'p9').locator('button.ws-accept').click();
  await waitDecision(b, 'p9', 'accept');
  await proposal(b, 'p4').locator('button.ws-not-retained').click();
  await waitDecision(b, 'p4', 'not-retained');
  await paragraphOf(b, 'p7').locator('button.ws-note-all').click();
  await waitDecision(b, 'p7', 'noted');
  check(true, '[en] "Note all remaining comments" notes MAR\'s comment in one batch');
  await waitDecision(a, 'p9', 'accept');
  await waitDecision(a, 'p4', 'not-retained');
  await waitDecision(a, 'p7', 'noted');
  check(await a.evaluate(() => window.__notReloaded === true), '[ar] the Arabic facilitator sees the English facilitator\'s three decisions live');
  // combine several: Iran's p5 and Jordan's p14 change different words of one paragraph
  await proposal(b, 'p5').locator('.ws-select input').check();
  await proposal(b, 'p14').locator('.ws-select input').check();
  await paragraphOf(b, 'p5').locator('button.ws-combine').click();
  const combined = paragraphOf(b, 'p5').locator('.ws-combine-form textarea');
  await combined.waitFor();
  const combinedText = await combined.inputValue();
  check(combinedText.includes('السيادة الوطنية') && combinedText.includes('بناء القدرات'),
    '[en] "Combine selected" starts from both proposals merged into the paragraph');
  await paragraphOf(b, 'p5').locator('.ws-combine-form button[type=submit]').click();
  await waitDecision(b, 'p5', 'combined');
  await waitDecision(b, 'p14', 'combined');
  check((await paragraphOf(b, 'p5').locator('.ws-text').innerText()).includes('بناء القدرات'),
    '[en] Iran\'s p5 and Jordan\'s p14 are combined into one text');
  await waitDecision(a, 'p14', 'combined');
  check(true, '[ar] the other facilitator sees the combination live');
  await proposal(a, 'p2').locator('button.ws-accept').click();
  await waitDecision(a, 'p2', 'accept');
  await proposal(a, 'p3').locator('button.ws-defer').click();
  await waitDecision(a, 'p3', 'defer');

  // filters: the undecided proposals, and those that collide with the workspace (p12, since p1 changed its words)
  await a.locator('.ws-filters input[name=undecided]').check();
  await proposal(a, 'p1').waitFor({ state: 'detached' });
  check(await proposal(a, 'p12').count() === 1 && await proposal(a, 'p9').count() === 0,
    '[ar] "undecided only" hides the decided p1 and p9 and keeps p12');
  await a.locator('.ws-filters button.clear').click();
  await a.locator('.ws-filters input[name=conflicts]').check();
  await proposal(a, 'p12').locator('.ws-collides').waitFor();
  check(await a.locator('.ws-proposal').count() >= 1 && await proposal(a, 'p2').count() === 0,
    `[ar] "colliding with the workspace" shows p12 before anyone accepts it (${await a.locator('.ws-proposal').count()} shown)`);
  await axe(a, '[ar] the workspace filtered to collisions');
  await a.locator('.ws-filters button.clear').click();
  await proposal(a, 'p1').waitFor();
  const progress = await paragraphOf(a, 'p1').locator('.ws-para-progress progress');
  check(Number(await progress.getAttribute('value')) >= 1, '[ar] the paragraph of p1 shows its own progress');

  // p12 collides with p1: both versions side by side, the colliding words marked; nothing changed
  const before = await paragraphOf(a, 'p12').locator('.ws-text').innerText();
  await proposal(a, 'p12').locator('button.ws-accept').click();
  const conflict = proposal(a, 'p12').locator('.ws-conflict');
  await conflict.waitFor({ timeout: 10000 });
  check((await conflict.locator('.ws-conflict-theirs mark.collide').allInnerTexts()).join(' ').includes('2024'),
    '[ar] the conflict marks "2024", the words p12 puts where p1 changed the text');
  check((await conflict.locator('.ws-conflict-ours mark.collide').allInnerTexts()).join(' ').includes('2025'),
    '[ar] the conflict marks "2025", the words the workspace has there');
  check(await paragraphOf(a, 'p12').locator('.ws-text').innerText() === before && await decisionOf(a, 'p12') === 'open',
    '[ar] nothing changed: the paragraph and p12 are as they were');
  await axe(a, '[ar] the workspace with a merge conflict');
  if (shots) {
    await conflict.scrollIntoViewIfNeeded();
    await paragraphOf(a, 'p12').screenshot({ path: `${shots}/merge-conflict-ar.png` });
  }
  // on a 390 px phone the two versions stack (the side-by-side falls back to inline); nothing overflows
  await a.setViewportSize({ width: 390, height: 844 });
  const ours = await conflict.locator('.ws-conflict-ours').boundingBox();
  const theirs = await conflict.locator('.ws-conflict-theirs').boundingBox();
  check(Math.abs(ours.x - theirs.x) < 2 && theirs.y > ours.y, '[ar] at 390 px the conflict\'s two versions stack, the workspace\'s first');
  await mobileChecks(a, '[ar] the workspace with a merge conflict');
  await a.setViewportSize({ width: 1280, height: 1000 });
  // resolved in place: accept with changes, starting from the merged text
  await conflict.locator('button.ws-resolve').click();
  const editor = proposal(a, 'p12').locator('.ws-modify textarea');
  await editor.waitFor();
  const prefilled = await editor.inputValue();
  check(prefilled.includes('2,6') && prefilled.includes('2024'), '[ar] "accept with changes" starts from p1 and p12 merged (2,6 and 2024)');
  await editor.fill(prefilled.replace('2024', '2024، و2,6 مليار في 2025'));
  await proposal(a, 'p12').locator('.ws-modify button[type=submit]').click();
  await waitDecision(a, 'p12', 'accept-modified');
  const resolved = await paragraphOf(a, 'p12').locator('.ws-text').innerText();
  check(resolved.includes('2024، و2,6 مليار في 2025'), '[ar] the paragraph takes the facilitator\'s text, p12 is accepted with changes');
  await waitDecision(b, 'p12', 'accept-modified');
  check(true, '[en] the other facilitator sees the resolution live');

  // a stale edit: B edits a paragraph A changed meanwhile; B sees the newer text and chooses
  const para9 = paragraphOf(b, 'p9');
  await para9.locator('button.ws-edit').click();
  const bText = para9.locator('.ws-editor textarea');
  await bText.waitFor();
  const p9id = await para9.getAttribute('data-id');
  const aPara9 = a.locator(`.ws-para[data-id="${p9id}"]`);
  await aPara9.locator('button.ws-edit').click();
  const aText = aPara9.locator('.ws-editor textarea');
  await aText.fill((await aText.inputValue()).replace('مركزي', 'رئيسي'));
  await aPara9.locator('.ws-editor select[name=status]').selectOption('agreed-ad-ref');
  await aPara9.locator('.ws-editor button[type=submit]').click();
  await aPara9.locator('.ws-editor').waitFor({ state: 'detached' });
  await b.waitForFunction((id) => document.querySelector(`.ws-para[data-id="${id}"] .ws-status.status-agreed-ad-ref`), p9id, { timeout: 10000 });
  // B's editor was opened before: its ETag is the old one
  await bText.fill((await bText.inputValue()).replace('بفعالية', 'بكفاءة'));
  await para9.locator('.ws-editor button[type=submit]').click();
  await para9.locator('.ws-stale').waitFor({ timeout: 10000 });
  check((await para9.locator('.ws-stale').innerText()).includes('رئيسي'), '[en] a stale edit shows the newer text (with "رئيسي") and saves nothing');
  await axe(b, '[en] the workspace with a stale edit');
  await para9.locator('button.ws-keep-theirs').click();
  await para9.locator('.ws-stale').waitFor({ state: 'detached' });

  // direct edits with the keyboard: insert a paragraph after, move it up, delete it
  const firstOp = a.locator('.ws-para.kind-operative').first();
  const opLabel = await firstOp.locator('.ws-head .cite').innerText();
  await firstOp.locator('button.ws-insert').focus();
  await a.keyboard.press('Enter');
  await firstOp.locator('.ws-insert-form textarea').fill('يدعو الدول الأعضاء إلى تبادل الخبرات');
  await firstOp.locator('.ws-insert-form button[type=submit]').click();
  const inserted = a.locator('.ws-para', { hasText: 'يدعو الدول الأعضاء إلى تبادل الخبرات' });
  await inserted.waitFor({ timeout: 10000 });
  const insertedNumber = await inserted.locator('.ws-head .num').innerText();
  const opNumber = await firstOp.locator('.ws-head .num').innerText();
  check(/مكرر|bis/.test(insertedNumber) && insertedNumber.startsWith(opNumber.replace(/\.$/, '')),
    `[ar] the paragraph inserted after ${opLabel} (${opNumber}) is numbered bis: ${insertedNumber}`);
  const order = async () => a.locator('.ws-para').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  const insertedId = await inserted.getAttribute('data-id');
  const beforeMove = await order();
  await inserted.locator('button.ws-up').focus();
  await a.keyboard.press('Enter');
  await a.waitForFunction(([id, i]) => [...document.querySelectorAll('.ws-para')].map((e) => e.getAttribute('data-id')).indexOf(id) === i,
    [insertedId, beforeMove.indexOf(insertedId) - 1], { timeout: 10000 });
  check(await a.evaluate((id) => document.activeElement?.closest('.ws-para')?.getAttribute('data-id') === id, insertedId),
    '[ar] "Move up" with the keyboard moves the paragraph and keeps the focus on it');
  await inserted.locator('button.ws-delete').click();
  await inserted.locator('button.ws-delete.confirm').click();
  await a.waitForFunction((id) => !document.querySelector(`.ws-para[data-id="${id}"]`), insertedId, { timeout: 10000 });
  check(true, '[ar] the inserted paragraph is deleted after a confirmation');

  if (shots) {
    await a.evaluate(() => window.scrollTo(0, 0));
    const target = paragraphOf(a, 'p1');
    await target.scrollIntoViewIfNeeded();
    await a.screenshot({ path: `${shots}/merge-workspace-ar.png` });
  }

  // --- publish, with the summary first; Egypt's delegate is told and sees its fates ---
  const d = await open(browser, env.PLENARY_D_EMAIL, env.PLENARY_D_PASSWORD, 'ar');
  await d.goto(`${url}/#/n/${n}/r/${revision}`);
  await d.locator('article.draft p.para').first().waitFor();
  await d.locator('.live-state.on').waitFor({ timeout: 10000 });
  await a.click('button.ws-review');
  const summary = a.locator('.ws-publish');
  await summary.waitFor();
  await a.setViewportSize({ width: 390, height: 844 });
  await mobileChecks(a, '[ar] the workspace with the publication summary');
  await a.setViewportSize({ width: 1280, height: 1000 });
  const summaryText = await summary.innerText();
  check(/مقبول/.test(summaryText) && /مُرحَّل/.test(summaryText), `[ar] the publication summary counts the fates:\n${summaryText}`);
  await axe(a, '[ar] the workspace with the publication summary');
  if (shots) await summary.screenshot({ path: `${shots}/merge-publish-ar.png` });
  const predicted = (await summary.locator('.ws-fates li').allInnerTexts()).map((x) => x.replace(/\s+/g, ' ').trim()).sort();
  await a.click('button.ws-confirm-publish');
  await a.locator('.ws-published').waitFor({ timeout: 15000 });
  const actual = (await a.locator('.ws-published .ws-fates li').allInnerTexts()).map((x) => x.replace(/\s+/g, ' ').trim()).sort();
  check(JSON.stringify(predicted) === JSON.stringify(actual),
    `[ar] Rev.1 is published, with the fates the summary announced (${actual.join('; ')})`);

  const notice = d.locator('plenary-published-notice .published-notice');
  await notice.waitFor({ timeout: 15000 });
  check((await notice.innerText()).includes('Rev.1'), '[ar] Egypt\'s delegate is told live that Rev.1 is published');
  await axe(d, '[ar] the revision with the "published" notice');
  await notice.locator('a.open-fates').click();
  await d.locator('plenary-fates-view ol.fates li.fate').first().waitFor({ timeout: 10000 });
  const fates = await d.locator('plenary-fates-view').innerText();
  check(fates.includes('ARAB') && fates.includes('مقبول'), '[ar] "What happened to our proposals" shows the Arab Group\'s p1 accepted');
  check(await d.locator(`plenary-fates-view li.fate[data-proposal="${ids.p13}"]`).count() === 1,
    '[ar] Egypt\'s own retain (p13) is listed, carried forward');
  const listed = await d.locator('plenary-fates-view li.fate').evaluateAll((els) => els.map((e) => e.getAttribute('data-proposal')));
  check(listed.includes(String(ids.p1)) && listed.includes(String(ids.p13)) && await d.locator('plenary-fates-view li.fate .fate-badge').count() === listed.length,
    `[ar] every proposal of Egypt and of the group it coordinates has its fate (${listed.length}: p1 of ARAB, p13 of EGY)`);
  check((await d.locator(`plenary-fates-view li.fate[data-proposal="${ids.p1}"] .fate-text`).innerText()).includes('2,6'),
    '[ar] p1 shows the text that resulted in Rev.1');
  await axe(d, '[ar] what happened to our proposals');
  await d.setViewportSize({ width: 390, height: 844 });
  await mobileChecks(d, '[ar] what happened to our proposals');
  await d.setViewportSize({ width: 1280, height: 1000 });
  if (shots) await d.screenshot({ path: `${shots}/merge-fates-ar.png`, fullPage: false });
  await d.goto(`${url}/#/n/${n}`);
  await d.locator('plenary-negotiation-view ul.list a', { hasText: 'Rev.1' }).waitFor({ timeout: 10000 });
  check(true, '[ar] Rev.1 is in the delegate\'s list of revisions');
} finally {
  await browser.close();
}
