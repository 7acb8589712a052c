// Browser smoke test: a secretariat user logs in, opens a negotiation and reads an Arabic revision.
// Run by server's BrowserSmokeTest against a real server:
//   PLENARY_URL=http://127.0.0.1:8080 PLENARY_EMAIL=… PLENARY_PASSWORD=… node e2e/smoke.mjs
// Uses Debian's Chromium; never downloads a browser.
import { chromium } from 'playwright-core';

const url = process.env.PLENARY_URL;
const email = process.env.PLENARY_EMAIL;
const password = process.env.PLENARY_PASSWORD;
const title = process.env.PLENARY_NEGOTIATION;
const screenshot = process.env.PLENARY_SCREENSHOT;

function check(condition, message) {
  if (!condition) {
    console.error('FAILED: ' + message);
    process.exitCode = 1;
    throw new Error(message);
  }
  console.log('ok - ' + message);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('pageerror', (e) => console.error('page error: ' + e.message));
  const violations = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const first = await page.goto(url + '/');
  check((first.headers()['content-security-policy'] ?? '').includes("frame-ancestors 'none'")
    && first.headers()['cache-control'] === 'no-cache', 'the client is served no-cache under a strict CSP');
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.getByRole('link', { name: title }).click();
  // the view changes when the negotiation has loaded: wait for it rather than read the heading at once
  const opened = await page.waitForFunction((t) => document.querySelector('h1')?.innerText === t, title,
    { timeout: 10000 }).then(() => true, () => false);
  check(opened, 'the negotiation opens with its Arabic title');
  await page.getByRole('link', { name: 'Rev.1' }).click();
  await page.waitForSelector('article.draft p.para');
  const paragraphs = page.locator('article.draft p.para');
  const count = await paragraphs.count();
  check(count > 20, `the revision shows its ${count} paragraphs`);
  check(await paragraphs.first().getAttribute('dir') === 'rtl', 'Arabic paragraphs are laid out right-to-left');
  const cites = await page.locator('article.draft .cite').allInnerTexts();
  check(cites.includes('PP1') && cites.includes('OP1') && new Set(cites).size === cites.length,
    `each preambular and operative paragraph shows its own citation (${cites.slice(0, 4).join(', ')}…)`);
  const docx = await page.locator('a.compilation', { hasText: 'DOCX' }).getAttribute('href');
  const compiled = await page.request.get(url + docx);
  check(compiled.status() === 200 && compiled.headers()['content-type'].includes('wordprocessingml'),
    'the consolidated comments document downloads as DOCX from the revision');
  // the diff from the revision before opens inside the app, and leads back
  await page.locator('a.diff').click();
  const diffShown = await page.waitForSelector('.diff-view ins', { timeout: 10000 }).then(() => true, () => false);
  check(diffShown, 'the diff from the revision before opens in the app');
  await page.goBack();
  await page.waitForSelector('form.window-form');
  // the chair sets the comment deadline and starts the silence procedure from the revision
  await page.fill('form.window-form input[name=deadline]', '2031-03-01T09:30');
  await page.check('form.window-form input[name=silence]');
  await page.click('form.window-form button[type=submit]');
  const silence = await page.waitForSelector('.window.silence', { timeout: 10000 }).then(() => true, () => false);
  check(silence && (await page.locator('.window.silence').innerText()).includes('2031-03-01 09:30 UTC'),
    'the chair sets a UTC deadline with the silence procedure, and the revision says so');
  const bracket = page.locator('mark.bracket');
  check((await bracket.count()) >= 1 && (await bracket.first().innerText()).includes('ولا سيما الحكومات'),
    'bracketed, not yet agreed text is highlighted');
  await page.getByRole('button', { name: 'العربية' }).click();
  check(await page.evaluate(() => document.documentElement.dir) === 'rtl', 'the Arabic interface is right-to-left');
  const box = await paragraphs.first().boundingBox();
  check(box !== null && box.x + box.width > 600, 'right-to-left paragraphs hug the right edge');
  const indented = await page.evaluate(() => [...document.querySelectorAll('.para-block')]
    .some((e) => Number(getComputedStyle(e).getPropertyValue('--depth')) > 0));
  check(indented, 'sub-paragraphs are indented by their depth');
  check(violations.length === 0, `nothing breaks the Content-Security-Policy (${violations.join('; ')})`);
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: false });
} finally {
  await browser.close();
}
