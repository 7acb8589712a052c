// What the browser tests share: the checks they print, axe-core, the 390 px checks, logging in, Debian's Chromium.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Prints "ok - …" or "FAILED: …" (and throws): the JUnit test that runs the script reads these lines. */
export function check(condition, message) {
  if (!condition) {
    console.error('FAILED: ' + message);
    process.exitCode = 1;
    throw new Error(message);
  }
  console.log('ok - ' + message);
}

/** Runs axe-core in the page (WCAG 2.x A and AA rules and best practices); any violation fails the test. */
export async function axe(page, view) {
  // evaluated through the DevTools protocol, not added as an inline <script>: the page's CSP forbids those
  await page.evaluate(`${axeSource}\n;0`);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(' | ')}`);
  });
  check(result.length === 0, `axe-core finds no violation on ${view}${result.length ? ':\n  ' + result.join('\n  ') : ''}`);
}

/** At 390 px: no horizontal scrolling, and every visible control at least 44 px tall and wide enough to tap. */
export async function mobileChecks(page, view) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const wide = overflow <= 0 ? [] : await page.evaluate(() => [...document.querySelectorAll('body *')]
    .map((e) => ({ e, r: e.getBoundingClientRect() }))
    .filter(({ r }) => r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1))
    .slice(0, 8).map(({ e, r }) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(r.left)}–${Math.round(r.right)}`));
  check(overflow <= 0, `${view} at 390 px: no horizontal overflow (${overflow} px)${wide.length ? ': ' + wide.join('; ') : ''}`);
  const small = await page.evaluate(() => [...document.querySelectorAll('main button, main select, main a[href], header button, header a[href], main input:not([type=checkbox]):not([type=radio]), main textarea')]
    .filter((e) => e.offsetParent !== null && !e.closest('.visually-hidden') && !e.closest('.skip'))
    .map((e) => ({ e, r: e.getBoundingClientRect() }))
    .filter(({ r }) => r.height > 0 && (r.height < 44 || r.width < 24))
    .map(({ e, r }) => `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent ?? '').trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`));
  check(small.length === 0, `${view} at 390 px: tap targets at least 44 px${small.length ? ': ' + small.slice(0, 5).join('; ') : ''}`);
}

/** A new browser context in {@code lang}, on the login page (not logged in). */
export async function context(browser, url, lang, viewport = { width: 1200, height: 900 }) {
  const ctx = await browser.newContext({ viewport });
  await ctx.addInitScript((l) => localStorage.setItem('plenary.lang', l), lang);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  return page;
}

/** Logs in on the login page and waits for the list of negotiations. */
export async function logIn(page, url, email, password) {
  await page.goto(url + '/');
  await page.locator('form.login').waitFor();
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('form.login button[type=submit]');
  await page.locator('plenary-negotiations-view ul.list a').first().waitFor();
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
