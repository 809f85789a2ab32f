import { test, expect, Page } from '@playwright/test';
import { createSession, hydrated, snap, watchConsole } from './helpers';

/** What a buyer reads in each language, for the demo order (MZN 2,650.00). */
const words = {
  en: {
    accept: 'en-GB',
    title: 'Pay Demo Store',
    payWith: 'Pay with',
    pay: 'Pay MZN 2,650.00',
    total: 'MZN 2,650.00',
    wrongNetwork: 'This number is not on M-Pesa.',
    expires: /^This checkout expires in (23|24) hours\.$/,
    language: 'Language',
  },
  pt: {
    accept: 'pt-MZ',
    title: 'Pagar a Demo Store',
    payWith: 'Pagar com',
    pay: 'Pagar 2.650,00 MZN',
    total: '2.650,00 MZN',
    wrongNetwork: 'Este número não é da rede M-Pesa.',
    expires: /^Este pagamento expira dentro de (23|24) horas\.$/,
    language: 'Idioma',
  },
  fr: {
    accept: 'fr-CI',
    title: 'Payer Demo Store',
    payWith: 'Payer avec',
    pay: 'Payer 2 650,00 MZN',
    total: '2 650,00 MZN',
    wrongNetwork: "Ce numéro n'est pas un numéro M-Pesa.",
    expires: /^Ce paiement expire dans (23|24) heures\.$/,
    language: 'Langue',
  },
  sw: {
    accept: 'sw-KE',
    title: 'Lipa Demo Store',
    payWith: 'Lipa kwa',
    pay: 'Lipa MZN 2,650.00',
    total: 'MZN 2,650.00',
    wrongNetwork: 'Nambari hii haiko kwenye mtandao wa M-Pesa.',
    expires: /^Muda wa malipo haya unaisha baada ya saa (23|24)\.$/,
    language: 'Lugha',
  },
} as const;
type Lang = keyof typeof words;
const LANGS: Lang[] = ['en', 'pt', 'fr', 'sw'];

/** Money uses no-break and narrow no-break spaces; compare as plain spaces. */
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

async function expectLanguage(page: Page, lang: Lang) {
  const w = words[lang];
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page).toHaveTitle(w.title);
  await expect(page.locator('legend')).toHaveText(w.payWith);
  expect(plain(await page.getByTestId('pay').textContent())).toBe(w.pay);
  expect(plain(await page.locator('.items .total').textContent())).toContain(w.total);
  expect(plain(await page.getByTestId('expires').textContent())).toMatch(w.expires);
}

for (const lang of LANGS) {
  test(`the page speaks ${lang} when the browser asks for it`, async ({ browser, baseURL }) => {
    // Chromium sends the context's locale as Accept-Language.
    const context = await browser.newContext({ baseURL, locale: words[lang].accept });
    const page = await context.newPage();
    const errors = watchConsole(page);
    const session = await createSession(context.request);
    await page.goto(session.url);
    await hydrated(page);
    await expectLanguage(page, lang);
    // The switcher names the current language in itself, and is labelled in it.
    await expect(page.locator('#lang')).toHaveValue(lang);
    await expect(page.getByLabel(words[lang].language)).toBeVisible();
    await snap(page, `i18n-open-${lang}`);
    // A validation message, from the browser's own check.
    await page.locator('#phone').fill('86 000 0000');
    await page.getByTestId('pay').click();
    await expect(page.getByTestId('phone-error')).toHaveText(words[lang].wrongNetwork);
    await snap(page, `i18n-invalid-${lang}`);
    expect(errors).toEqual([]);
    await context.close();
  });
}

test('switching language keeps the typed number and place, and is remembered', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: 'en-US' });
  const page = await context.newPage();
  const errors = watchConsole(page);
  const session = await createSession(context.request, { payment_method_types: ['mpesa', 'card'] });
  await page.goto(session.url);
  await hydrated(page);
  await expectLanguage(page, 'en');
  await page.locator('#phone').fill('84 123 4567');
  await page.locator('#lang').selectOption('pt');
  await expectLanguage(page, 'pt');
  await expect(page.locator('#phone')).toHaveValue('84 123 4567');
  await expect(page.locator('#lang')).toBeFocused();
  expect(page.url()).toBe(`${session.url}?lang=pt`);
  // The card form keeps the method, expiry and name (in this tab's session
  // storage, for the reload); the card number and CVC are never kept.
  await page.locator('input[name=method][value=card]').check();
  await page.locator('#card-number').pressSequentially('4242424242424242');
  await page.locator('#card-expiry').pressSequentially('1230');
  await page.locator('#card-cvc').fill('123');
  await page.locator('#card-name').fill('Amina Machava');
  await page.locator('#lang').selectOption('fr');
  await expectLanguage(page, 'fr');
  await hydrated(page);
  await expect(page.locator('input[name=method][value=card]')).toBeChecked();
  await expect(page.locator('#card-name')).toHaveValue('Amina Machava');
  await expect(page.locator('#card-expiry')).toHaveValue('12/30');
  await expect(page.locator('#card-number')).toHaveValue('');
  await expect(page.locator('#card-cvc')).toHaveValue('');
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain('4242');
  await expect(page.locator('#card-expiry')).toHaveAttribute('placeholder', 'MM/AA');
  await snap(page, 'i18n-switched-fr');
  // A reload stays in French (the URL carries it) ...
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  // ... and so does the buyer's next checkout (our first-party cookie),
  // although the browser still asks for English.
  const next = await createSession(context.request);
  await page.goto(next.url);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('#lang')).toHaveValue('fr');
  expect(errors).toEqual([]);
  await context.close();
});

test('without our cookie (as in a frame) the choice comes back from the browser storage', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: 'en-US' });
  const page = await context.newPage();
  const session = await createSession(context.request);
  await page.goto(session.url);
  await hydrated(page);
  await page.locator('#lang').selectOption('sw');
  await expectLanguage(page, 'sw');
  await context.clearCookies();
  const next = await createSession(context.request);
  await page.goto(next.url);
  await hydrated(page);
  await expectLanguage(page, 'sw');
  await context.close();
});

test('the merchant fixing the language wins and hides the switcher', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: 'fr-FR' });
  const page = await context.newPage();
  const session = await createSession(context.request, { locale: 'pt' });
  await page.goto(`${session.url}?lang=sw`);
  await hydrated(page);
  await expectLanguage(page, 'pt');
  await expect(page.getByTestId('language-switcher')).toHaveCount(0);
  await context.close();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, locale: 'en-US' });

  test('the switcher is a plain form with a button', async ({ page, request }) => {
    const session = await createSession(request);
    await page.goto(session.url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.locator('#lang').selectOption('sw');
    await snap(page, 'i18n-nojs-switcher');
    await page.getByRole('button', { name: 'Change' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'sw');
    expect(page.url()).toBe(`${session.url}?lang=sw`);
    await expect(page.getByTestId('pay')).toContainText('Lipa MZN');
    // The form keeps the language through a refused post.
    await page.locator('#phone').fill('86 000 0000');
    await page.getByTestId('pay').click();
    await expect(page.getByTestId('phone-error')).toHaveText(words.sw.wrongNetwork);
  });
});
