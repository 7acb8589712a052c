// Browser test: two delegates in two browser contexts open the same Arabic revision; Egypt proposes an
// amendment through the form and Saudi Arabia sees it appear live (EventSource), then supports it and
// Egypt sees the support live. Run by server's LiveBrowserTest against a real server:
//   PLENARY_URL=… PLENARY_REVISION_HASH='#/n/1/r/1' PLENARY_A_EMAIL=… PLENARY_A_PASSWORD=… \
//   PLENARY_B_EMAIL=… PLENARY_B_PASSWORD=… PLENARY_QUOTE='…' node e2e/proposals.mjs
// Uses Debian's Chromium; never downloads a browser.
import { chromium } from 'playwright-core';

const url = process.env.PLENARY_URL;
const hash = process.env.PLENARY_REVISION_HASH;
const quote = process.env.PLENARY_QUOTE;
const screenshot = process.env.PLENARY_SCREENSHOT;
const amendment = 'لا يزال 2,6 مليار شخص غير متصلين بالإنترنت في 2025 وفقاً لبيانات الاتحاد (ITU)';

function check(condition, message) {
  if (!condition) {
    console.error('FAILED: ' + message);
    process.exitCode = 1;
    throw new Error(message);
  }
  console.log('ok - ' + message);
}

async function open(browser, email, password) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error (${email}): ${e.message}`));
  await page.goto(url + '/' + hash);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('article.draft p.para');
  await page.waitForSelector('.live-state.on', { timeout: 10000 });
  return page;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const egypt = await open(browser, process.env.PLENARY_A_EMAIL, process.env.PLENARY_A_PASSWORD);
  const saudi = await open(browser, process.env.PLENARY_B_EMAIL, process.env.PLENARY_B_PASSWORD);
  check(true, 'two delegates have the revision open and follow it live');
  check((await egypt.locator('.window.open').innerText()).includes('2030-01-15 17:00 UTC'),
    'the revision says until when comments are taken (UTC)');
  await saudi.evaluate(() => { window.__notReloaded = true; });

  const block = (page) => page.locator('.para-block', { has: page.locator('p.para', { hasText: quote }) });
  await block(egypt).locator('.propose-open').click();
  await block(egypt).locator('select[name=kind]').selectOption('amend');
  await block(egypt).locator('textarea[name=text]').fill(amendment);
  await block(egypt).locator('textarea[name=rationale]').fill('تحديث الأرقام وفقاً لأحدث إحصاءات الاتحاد (ITU).');
  await block(egypt).locator('select[name=onBehalfOf]').selectOption('ARAB');
  await block(egypt).locator('input[name=cosponsors]').fill('sau');
  await block(egypt).locator('form.propose button[type=submit]').click();
  await block(egypt).locator('.proposal .text', { hasText: amendment }).waitFor({ timeout: 10000 });
  check(true, 'Egypt submits an amendment in the browser and sees it under the paragraph');

  const seen = block(saudi).locator('.proposal', { hasText: amendment });
  await seen.waitFor({ timeout: 10000 });
  check(await saudi.evaluate(() => window.__notReloaded === true), 'Saudi Arabia sees it appear live, without reloading');
  check((await seen.locator('.delegation').innerText()).trim() === 'ARAB',
    'the proposal is the Arab Group\'s, made through its coordinator Egypt');
  check((await seen.locator('.rationale').innerText()).includes('(ITU)'), 'its rationale comes with it');
  await seen.locator('.invitation .accept').click();
  await block(egypt).locator('.proposal', { hasText: amendment }).locator('.cosponsors', { hasText: 'SAU' })
    .waitFor({ timeout: 10000 });
  check(true, 'Saudi Arabia accepts to co-sponsor the group\'s amendment and Egypt sees it live');
  check(await seen.locator('.text').getAttribute('dir') === 'rtl', 'the Arabic proposal text is right-to-left');
  check((await block(saudi).locator('.counts').innerText()).includes('1'), 'the paragraph counts its proposal');
  check(await block(saudi).locator('.proposal .text b, .proposal .text img').count() === 0, 'user text is not HTML');

  await seen.locator('button.support').click();
  await block(egypt).locator('.supporters', { hasText: 'SAU' }).waitFor({ timeout: 10000 });
  check(true, 'Saudi Arabia supports it and Egypt sees the support live');

  // Saudi Arabia selects "2,9 مليار" in the paragraph with the mouse and proposes a replacement of that span only
  const span = '2,9 مليار';
  await saudi.evaluate(([q, s]) => {
    const holder = [...document.querySelectorAll('p.para .ptext')].find((e) => e.textContent.includes(q));
    const walker = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent.indexOf(s);
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + s.length);
        document.getSelection().removeAllRanges();
        document.getSelection().addRange(range);
        return;
      }
    }
    throw new Error('span not found');
  }, [quote, span]);
  await block(saudi).locator('.propose-span').click();
  check((await block(saudi).locator('form.propose .span q').innerText()) === span, 'the form quotes the selected span');
  await block(saudi).locator('select[name=kind]').selectOption('amend');
  await block(saudi).locator('textarea[name=text]').fill('2,6 مليار');
  await block(saudi).locator('form.propose button[type=submit]').click();
  const onSpan = block(egypt).locator('.proposal', { has: egypt.locator('q.quote', { hasText: span }) });
  await onSpan.waitFor({ timeout: 10000 });
  check((await onSpan.locator('.text').innerText()).trim() === '2,6 مليار',
    'a proposal on a selected span is stored with its anchor and shown with the quoted span, live');
  if (screenshot) {
    await block(saudi).scrollIntoViewIfNeeded();
    await saudi.screenshot({ path: screenshot, fullPage: false });
  }

  // Egypt withdraws its amendment (two clicks, If-Match on the server); it leaves Saudi Arabia's view live
  // by its id: while it is edited its text is in a form field, which a text filter does not see
  const ownId = await block(egypt).locator('.proposal', { hasText: amendment }).getAttribute('data-id');
  const own = block(egypt).locator(`.proposal[data-id="${ownId}"]`);
  check(await block(egypt).locator('.proposal', { hasText: '2,6 مليار' }).locator('.withdraw').count() === 1,
    'Egypt may withdraw only its own proposal');
  // Saudi Arabia asks a question in the amendment's discussion; Egypt, whose thread is open, sees it live
  await own.locator('.discussion').click();
  const theirs = block(saudi).locator(`.proposal[data-id="${ownId}"]`);
  await theirs.locator('.discussion').click();
  await theirs.locator('.reply-form textarea').fill('ما مصدر رقم 2,6 مليار؟');
  await theirs.locator('.reply-form button[type=submit]').click();
  await own.locator('.reply', { hasText: 'ما مصدر رقم 2,6 مليار؟' }).waitFor({ timeout: 10000 });
  check((await own.locator('.reply .delegation').first().innerText()).trim() === 'SAU',
    'Saudi Arabia replies in the discussion and Egypt sees the reply live, signed SAU');
  await own.locator('.edit').click();
  await own.locator('form.edit textarea[name=rationale]').fill('وفقاً لبيانات 2025 (ITU).');
  await own.locator('form.edit button[type=submit]').click();
  await block(saudi).locator('.proposal', { hasText: amendment }).locator('.rationale', { hasText: 'وفقاً لبيانات 2025' })
    .waitFor({ timeout: 10000 });
  check(true, 'Egypt edits the rationale (If-Match) and Saudi Arabia sees the new version live');
  await own.locator('.withdraw').click();
  await own.locator('.withdraw-yes').click();
  await block(saudi).locator('.proposal', { hasText: amendment }).waitFor({ state: 'detached', timeout: 10000 });
  check(true, 'Egypt withdraws its amendment and it disappears from Saudi Arabia\'s view, live');
} finally {
  await browser.close();
}
