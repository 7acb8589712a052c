// Browser test: the secretariat's pages, in Arabic (the secretariat) and English (the invitee). The secretariat adds
// delegations (a reference state, a group, a custom organisation), designates the Arab Group's coordinator, adds a
// delegate without a password and hands over the invitation link; the invitee sets a password in another browser
// context and logs in; the secretariat resets the password (the invitee's session ends), disables and enables the
// account; an account that takes part in another negotiation is refused with the server's reason in Arabic.
// axe-core on every view, 390 px checks on every view. Run by server's SecretariatBrowserTest:
//   PLENARY_URL=… PLENARY_NEGOTIATION=1 PLENARY_S_EMAIL=… PLENARY_S_PASSWORD=… PLENARY_SHARED_EMAIL=…
//   [PLENARY_SCREENSHOTS=dir] node e2e/secretariat.mjs
// Uses Debian's Chromium; never downloads a browser.
import { axe, check, context, launch, logIn, mobileChecks } from './common.mjs';

const env = process.env;
const url = env.PLENARY_URL;
const n = env.PLENARY_NEGOTIATION;
const shots = env.PLENARY_SCREENSHOTS;
const invitee = 'kuwait.delegate@delegation.test';

const browser = await launch();
try {
  // --- the secretariat, in Arabic ---
  const s = await context(browser, url, 'ar');
  await logIn(s, url, env.PLENARY_S_EMAIL, env.PLENARY_S_PASSWORD);
  await s.goto(`${url}/#/n/${n}`);
  await s.locator('a.delegations-link').click();
  await s.locator('plenary-delegations-view form.add-delegation').waitFor();
  await s.locator('plenary-delegations-view li[data-code]').first().waitFor();
  check(await s.locator('h1').innerText() === 'الوفود', '[ar] the delegations page has its h1');
  await axe(s, '[ar] the delegations page');

  const addDelegation = async (code, names) => {
    const form = s.locator('form.add-delegation');
    await form.locator('input[name=code]').fill(code);
    if (names) {
      await form.locator('input[name=nameEn]').fill(names.en);
      await form.locator('input[name=nameAr]').fill(names.ar);
    }
    await form.locator('button[type=submit]').click();
    await s.locator(`li[data-code="${code}"]`).waitFor({ timeout: 10000 });
  };
  await addDelegation('KWT');
  await addDelegation('EGY');
  await addDelegation('ARAB');
  check((await s.locator('li[data-code="KWT"]').innerText()).includes('الكويت'), '[ar] Kuwait, added by its reference code, reads in Arabic');
  await addDelegation('ITU-BDT', { en: 'ITU Telecommunication Development Bureau', ar: 'مكتب تنمية الاتصالات' });
  check((await s.locator('li[data-code="ITU-BDT"]').innerText()).includes('مكتب تنمية الاتصالات'),
    '[ar] a custom organisation is added with its English and Arabic names');
  // a code twice: the server's refusal in Arabic
  await s.locator('form.add-delegation input[name=code]').fill('KWT');
  await s.locator('form.add-delegation button[type=submit]').click();
  await s.locator('plenary-delegations-view .error').waitFor();
  check((await s.locator('plenary-delegations-view .error').innerText()).includes('مشارك في المفاوضة بالفعل'),
    '[ar] adding a delegation twice is refused in Arabic (already-added)');
  // the Arab Group acts through Egypt
  const arab = s.locator('li[data-code="ARAB"]');
  const options = await arab.locator('select[name=coordinator] option').evaluateAll((o) => o.map((x) => x.value));
  check(options.includes('EGY') && options.includes('KWT') && !options.includes('ITU-BDT'),
    `[ar] the Arab Group's coordinator is chosen among its members taking part (${options.filter(Boolean).join(', ')})`);
  await arab.locator('select[name=coordinator]').selectOption('EGY');
  await arab.locator('button[type=submit]').click();
  await s.locator('li[data-code="ARAB"] .coordinator', { hasText: 'EGY' }).waitFor({ timeout: 10000 });
  check(true, '[ar] Egypt is designated coordinator of the Arab Group');
  await axe(s, '[ar] the delegations page after the changes');

  // --- participants: a delegate of Kuwait without a password, an invitation to hand over ---
  await s.goto(`${url}/#/n/${n}`);
  await s.locator('a.participants-link').click();
  await s.locator('plenary-participants-view form.add-participant').waitFor();
  await s.locator('plenary-participants-view li.participant').first().waitFor();
  check(await s.locator('h1').innerText() === 'المشاركون', '[ar] the participants page has its h1');
  await axe(s, '[ar] the participants page');
  const form = s.locator('form.add-participant');
  await form.locator('input[name=email]').fill(invitee);
  await form.locator('input[name=displayName]').fill('نورة');
  await form.locator('select[name=role]').selectOption('delegate');
  await form.locator('input[name=delegation]').fill('KWT');
  await form.locator('button[type=submit]').click();
  const link = s.locator('.outcome input.invitation-link');
  await link.waitFor({ timeout: 10000 });
  const invitation = await link.inputValue();
  check(invitation.startsWith(url + '/#/invitation/'), `[ar] adding without a password gives an invitation link (${invitation.slice(0, url.length + 22)}…)`);
  const row = s.locator('li.participant', { hasText: invitee });
  check((await row.innerText()).includes('KWT') && (await row.innerText()).includes('مندوب'), '[ar] the new delegate of Kuwait is listed');
  check(await row.locator('button.reset').getAttribute('aria-label') === 'إعادة تعيين كلمة المرور: حساب نورة',
    '[ar] each account action names the account');
  await axe(s, '[ar] the participants page with an invitation link');
  if (shots) await s.screenshot({ path: `${shots}/secretariat-participants-ar.png` });

  // --- the invitee, in English, in another browser context ---
  const k = await context(browser, url, 'en');
  await k.goto(invitation);
  await k.locator('form.invitation').waitFor();
  check(await k.locator('h1').innerText() === 'Set your password', '[en] the invitation link opens "Set your password" without logging in');
  await axe(k, '[en] the invitation page');
  await k.fill('form.invitation input[name=password]', 'first-password-of-kuwait');
  await k.fill('form.invitation input[name=repeat]', 'first-password-of-kuwait');
  await k.click('form.invitation button[type=submit]');
  await k.locator('.invitation-done').waitFor({ timeout: 10000 });
  await logIn(k, url, invitee, 'first-password-of-kuwait');
  check(await k.locator('plenary-negotiations-view ul.list a').count() === 1, '[en] the invitee logs in with the password they chose and sees the negotiation');
  // the link works once
  const again = await context(browser, url, 'en');
  await again.goto(invitation);
  await again.fill('form.invitation input[name=password]', 'another-password-1');
  await again.fill('form.invitation input[name=repeat]', 'another-password-1');
  await again.click('form.invitation button[type=submit]');
  await again.locator('plenary-invitation-view .error').waitFor({ timeout: 10000 });
  check((await again.locator('plenary-invitation-view .error').innerText()).includes('already used'), '[en] an invitation link works once');
  await again.context().close();

  // --- reset: a new link; the invitee's session ends ---
  await row.locator('button.reset').click();
  await row.locator('button.reset.confirm').click();
  await s.waitForFunction((old) => {
    const input = document.querySelector('.outcome input.invitation-link');
    return input && input.value !== old;
  }, invitation, { timeout: 10000 });
  const resetLink = await link.inputValue();
  check((await s.locator('.outcome').innerText()).includes('إعادة تعيين كلمة المرور'), '[ar] a password reset gives a new link');
  await k.reload();
  await k.locator('form.login').waitFor({ timeout: 10000 });
  check(true, '[en] the reset ended the invitee\'s session');
  await k.goto(resetLink);
  await k.fill('form.invitation input[name=password]', 'second-password-of-kuwait');
  await k.fill('form.invitation input[name=repeat]', 'second-password-of-kuwait');
  await k.click('form.invitation button[type=submit]');
  await k.locator('.invitation-done').waitFor({ timeout: 10000 });
  await logIn(k, url, invitee, 'second-password-of-kuwait');
  check(true, '[en] the invitee sets a new password with the reset link and logs in');

  // --- disable, then enable ---
  await row.locator('button.disable').click();
  await row.locator('.account-state.disabled').waitFor({ timeout: 10000 });
  check((await s.locator('.outcome').innerText()).includes('معطّل'), '[ar] the account is disabled');
  await k.reload();
  await k.locator('form.login').waitFor({ timeout: 10000 });
  await k.fill('input[name=email]', invitee);
  await k.fill('input[name=password]', 'second-password-of-kuwait');
  await k.click('form.login button[type=submit]');
  await k.locator('plenary-login-view .error').waitFor({ timeout: 10000 });
  check(true, '[en] a disabled account is signed out and cannot log in');
  await row.locator('button.enable').click();
  await row.locator('.account-state.enabled').waitFor({ timeout: 10000 });
  await logIn(k, url, invitee, 'second-password-of-kuwait');
  check(true, '[en] enabled again, the invitee logs in');
  await k.context().close();

  // --- an account that also takes part in another negotiation is the administrators' ---
  const shared = s.locator('li.participant', { hasText: env.PLENARY_SHARED_EMAIL });
  await shared.locator('button.disable').click();
  await s.locator('plenary-participants-view .error').waitFor({ timeout: 10000 });
  const refusal = await s.locator('plenary-participants-view .error').innerText();
  check(refusal.includes('يشارك هذا الحساب في مفاوضة أخرى أيضاً'), `[ar] disabling an account of another negotiation too is refused, in Arabic: "${refusal}"`);
  check(await shared.locator('.account-state.disabled').count() === 0
    && await shared.locator('.account-state.enabled').count() === 1, '[ar] and nothing changed: the account is still enabled');
  await axe(s, '[ar] the participants page with a refusal');

  // --- English, and phones ---
  const e = await context(browser, url, 'en');
  await logIn(e, url, env.PLENARY_S_EMAIL, env.PLENARY_S_PASSWORD);
  await e.goto(`${url}/#/n/${n}/participants`);
  await e.locator('plenary-participants-view li.participant').first().waitFor();
  await axe(e, '[en] the participants page');
  await e.goto(`${url}/#/n/${n}/delegations`);
  await e.locator('plenary-delegations-view li[data-code="ARAB"]').waitFor();
  await axe(e, '[en] the delegations page');
  await e.context().close();
  for (const lang of ['ar', 'en']) {
    const phone = await context(browser, url, lang, { width: 390, height: 844 });
    await logIn(phone, url, env.PLENARY_S_EMAIL, env.PLENARY_S_PASSWORD);
    await phone.goto(`${url}/#/n/${n}`);
    await phone.locator('a.participants-link').waitFor();
    await mobileChecks(phone, `[${lang}] the negotiation (secretariat)`);
    await phone.goto(`${url}/#/n/${n}/participants`);
    await phone.locator('plenary-participants-view li.participant').first().waitFor();
    await mobileChecks(phone, `[${lang}] the participants page`);
    await phone.goto(`${url}/#/n/${n}/delegations`);
    await phone.locator('plenary-delegations-view li[data-code="ARAB"]').waitFor();
    await mobileChecks(phone, `[${lang}] the delegations page`);
    if (shots && lang === 'ar') await phone.screenshot({ path: `${shots}/secretariat-delegations-mobile-ar.png`, fullPage: false });
    await phone.goto(`${url}/#/invitation/not-a-real-token`);
    await phone.locator('form.invitation').waitFor();
    await mobileChecks(phone, `[${lang}] the invitation page`);
    await phone.context().close();
  }
} finally {
  await browser.close();
}
