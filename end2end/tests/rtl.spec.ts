import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, expect, Locator, Page } from '@playwright/test';
import { API_KEY, auth, createSession, hydrated, snap, watchConsole } from './helpers';

// Arabic, right to left: every buyer state laid out mirrored, with amounts,
// phone numbers and card digits kept left to right inside it.

const SHOP = 'http://127.0.0.1:4200';
const FSI = '\u2068';
const PDI = '\u2069';

/** One message of the Arabic file (one-line messages only). */
function ar(id: string): string {
  const file = path.resolve(__dirname, '../../locales/ar/checkout.ftl');
  const line = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${id} = `));
  if (!line) throw new Error(`no message ${id}`);
  return line.slice(id.length + 3).trim();
}

/** One variant of a multi-line message (`*[pay] …`). */
function arVariant(id: string, key: string): string {
  const file = fs.readFileSync(path.resolve(__dirname, '../../locales/ar/checkout.ftl'), 'utf8');
  const body = file.split(`\n${id} = `)[1] ?? '';
  const m = new RegExp(`\\*?\\[${key}\\] (.+)`).exec(body);
  if (!m) throw new Error(`no variant ${key} of ${id}`);
  return m[1].trim();
}

const fill = (text: string, vars: Record<string, string>) =>
  text.replace(/\{ \$([a-z]+) \}/g, (_, name: string) => FSI + vars[name] + PDI);

/** The horizontal middle of an element on screen. */
async function middle(l: Locator): Promise<number> {
  const box = await l.boundingBox();
  if (!box) throw new Error('not on screen');
  return box.x + box.width / 2;
}

/** Where on screen (x) each piece of text starts inside `l`: to read the
 * visual order the bidi algorithm gave a phone number or an amount. */
async function xs(l: Locator, pieces: string[]): Promise<number[]> {
  return l.evaluate((el, pieces) => {
    const text = el.textContent ?? '';
    return pieces.map((piece) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const at = n.data.indexOf(piece);
        if (at < 0) continue;
        const r = document.createRange();
        r.setStart(n, at);
        r.setEnd(n, at + piece.length);
        return r.getClientRects()[0].x;
      }
      throw new Error(`no ${piece} in ${text}`);
    });
  }, pieces);
}

/** Strictly left to right on screen. */
const increasing = (v: number[]) => v.every((x, i) => i === 0 || x > v[i - 1]);

async function open(page: Page, request: Parameters<typeof createSession>[0], body: Record<string, unknown> = {}) {
  const session = await createSession(request, { locale: 'ar', success_url: undefined, ...body });
  await page.goto(session.url);
  await hydrated(page);
  return session;
}

test('the page is right to left, mirrored, with amounts and digits kept whole', async ({ page, request }) => {
  const errors = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  // The buyer picks Arabic (the menu shows, as it does unless the merchant
  // fixed the language).
  const session = await createSession(request, { success_url: undefined });
  await page.goto(`${session.url}?lang=ar`);
  await hydrated(page);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  // The test-mode banner at the right, the language menu at the left.
  expect(await middle(page.locator('.lang-switch'))).toBeLessThan(await middle(page.locator('.test-banner')));
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  // Mirrored: each method's radio sits right of its name, the legend at the
  // card's right edge.
  const mpesa = page.locator('label.method').filter({ has: page.locator('input[value="mpesa"]') });
  expect(await middle(mpesa.locator('input'))).toBeGreaterThan(await middle(mpesa.locator('.method-name')));
  const card = await page.locator('.card').boundingBox();
  const legend = await page.locator('legend').boundingBox();
  expect(card!.x + card!.width - (legend!.x + legend!.width)).toBeLessThan(40);
  // The amount as CLDR writes it in Arabic, and isolated inside the button.
  await expect(page.locator('.amount')).toHaveText('\u200f2,650.00\u00a0MZN');
  await expect(page.getByTestId('pay')).toHaveText(fill(arVariant('pay-button', 'pay'), { amount: '\u200f2,650.00\u00a0MZN' }));
  // Read right to left: the verb, then the number, then the code.
  const [code, number, verb] = await xs(page.getByTestId('pay'), ['MZN', '2,650.00', arVariant('pay-button', 'pay').split(' ')[0]]);
  expect(increasing([code, number, verb])).toBe(true);
  // Phone and card digits are typed left to right, aligned with the label.
  const phone = page.locator('#phone');
  await expect(phone).toHaveAttribute('dir', 'ltr');
  expect(await phone.evaluate((e) => getComputedStyle(e).direction)).toBe('ltr');
  expect(await phone.evaluate((e) => getComputedStyle(e).textAlign)).toBe('end');
  await snap(page, 'rtl-ar-choose');

  await page.locator('input[name="method"][value="card"]').check();
  await page.locator('#card-number').pressSequentially('4242424242424241');
  await page.locator('#card-expiry').pressSequentially('1230');
  await page.locator('#card-cvc').fill('123');
  await page.getByTestId('pay').click();
  await expect(page.getByTestId('card-number-error')).toHaveText(ar('error-card_number_invalid'));
  await expect(page.locator('#card-number')).toHaveValue('4242 4242 4242 4241');
  expect(await page.locator('#card-number').evaluate((e) => getComputedStyle(e).direction)).toBe('ltr');
  // The brand sits on the label's line, at its far (left) end.
  const brand = page.locator('.card-brand');
  await expect(brand).toHaveText('Visa');
  expect(await middle(brand)).toBeLessThan(await middle(page.locator('label[for="card-number"]')));
  await snap(page, 'rtl-ar-card-error');
  expect(errors).toEqual([]);
});

test('pending with its countdown, then the timeout, in Arabic', async ({ page, request }) => {
  await open(page, request);
  // Typed on an Arabic phone keypad: Arabic-Indic digits are the same number.
  await page.locator('#phone').fill('٨٤ ٠٠٠ ٠٠٠٢');
  await page.getByTestId('pay').click();
  await expect(page.getByTestId('countdown')).toBeVisible();
  // The phone number is isolated: its groups read in order.
  await expect(page.locator('main')).toContainText(`${FSI}+258 84 000 0002${PDI}`);
  // On screen too, at a phone's width where the sentence wraps: without the
  // isolation the groups would show as 0002 000 84 258+.
  await page.setViewportSize({ width: 360, height: 800 });
  const body = page.getByTestId('pending').locator('p').first();
  expect(increasing(await xs(body, ['+258', '84', '000', '0002']))).toBe(true);
  await snap(page, 'rtl-ar-pending');
  await expect(page.getByTestId('payment-failed')).toContainText(ar('failure-timeout'), { timeout: 15_000 });
  await expect(page.locator('#phone')).toHaveValue('+258 84 000 0002');
  await snap(page, 'rtl-ar-failed');
});

test('3-D Secure in Arabic: the action screen and the bank page both mirror', async ({ page, request }) => {
  await open(page, request);
  await page.locator('input[name="method"][value="card"]').check();
  await page.locator('#card-number').pressSequentially('4000000000003220');
  await page.locator('#card-expiry').pressSequentially('1230');
  await page.locator('#card-cvc').fill('123');
  await page.locator('#card-name').fill('Amina Machava');
  await page.getByTestId('pay').click();
  await page.waitForURL(/\/sandbox\/pay_/);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    ar('sandbox-card-title').replace(/\{ "\\u2066" \}/, '\u2066').replace(/\{ "\\u2069" \}/, '\u2069'),
  );
  await expect(page.locator('bdi')).toHaveText('\u200f2,650.00\u00a0MZN');
  await snap(page, 'rtl-ar-sandbox-3ds');
  await page.goBack();
  await expect(page.getByTestId('action')).toContainText(ar('action-card-title'));
  await snap(page, 'rtl-ar-action-3ds');
  await page.getByTestId('continue').click();
  await page.getByTestId('sandbox-approve').click();
  await expect(page.getByTestId('receipt')).toContainText(ar('receipt-title'));
  // The receipt's rows: label at the right, value at the left.
  const row = page.locator('.receipt div').first();
  expect(await middle(row.locator('dt'))).toBeGreaterThan(await middle(row.locator('dd')));
  await snap(page, 'rtl-ar-receipt');
});

test('expired, cancelled and not found in Arabic', async ({ page, request }) => {
  const soon = await createSession(request, { locale: 'ar', expires_at: Math.floor(Date.now() / 1000) + 2 });
  const cancelled = await createSession(request, { locale: 'ar' });
  const res = await request.post(`/v1/checkout/sessions/${cancelled.id}/expire`, { headers: auth });
  expect(res.status()).toBe(200);
  await page.goto(cancelled.url);
  await expect(page.getByTestId('cancelled-title')).toContainText(ar('cancelled-title'));
  await snap(page, 'rtl-ar-cancelled');
  await page.waitForTimeout(2500);
  await page.goto(soon.url);
  await expect(page.getByTestId('expired-title')).toContainText(ar('expired-title'));
  await snap(page, 'rtl-ar-expired');
  await page.goto('/c/cs_doesnotexist?lang=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('not-found')).toContainText(ar('notfound-title'));
  await snap(page, 'rtl-ar-not-found');
});

test('the embed dialog follows the checkout: right to left, its close button named in Arabic', async ({ page, request }) => {
  const product = await request.post('/v1/products', {
    headers: auth,
    data: { type: 'api_gateway', name: 'Arabic shop', main_currency: 'MZN', embed_origins: [SHOP] },
  });
  expect(product.status(), await product.text()).toBe(200);
  const session = await createSession(request, { locale: 'ar', product: (await product.json()).id });
  await page.goto(SHOP);
  await page.evaluate((url) => (window as unknown as { Lipa: { open: (o: object) => void } }).Lipa.open({ url }), session.url);
  const dialog = page.getByRole('dialog');
  await expect(dialog).toHaveAttribute('dir', 'rtl');
  await expect(dialog).toHaveAttribute('lang', 'ar');
  const close = page.getByRole('button', { name: ar('close') });
  const box = await dialog.boundingBox();
  expect(await middle(close)).toBeLessThan(box!.x + box!.width / 2);
  await expect(page.frameLocator('[data-lipa="overlay"] iframe').locator('html')).toHaveAttribute('dir', 'rtl');
  await snap(page, 'rtl-ar-embed-modal');
  await close.click();
  await expect(dialog).toHaveCount(0);
});

test('a redirect method and a checkout paid in parts, in Arabic', async ({ page, request }) => {
  await open(page, request, { payment_method_types: ['mpesa', 'stripe'] });
  await page.locator('input[name="method"][value="stripe"]').check();
  await expect(page.getByText(ar('redirect-hint'))).toBeVisible();
  await snap(page, 'rtl-ar-redirect-choice');

  // Waftpay's strict_amount false: the buyer types how much to pay now.
  const token = (
    await (await request.post('/checkout-backend-api/v1/auth/token', { data: { api_key: API_KEY } })).json()
  ).data.access_token;
  const created = await request.post('/checkout-backend-api/v1/request', {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      customer: { first_name: 'Amina', other_names: 'Machava', email: 'amina@example.com', phone_number: '258840000000' },
      checkout_reference: `CHKAR${Date.now()}`,
      payment_reference: 'INV-AR-1',
      msisdn: '258840000000',
      country: 'MOZ',
      currency: 'MZN',
      amount: 1750,
      mode: 'redirect',
      callback_url: 'http://localhost:4100/webhooks',
      success_redirect_url: 'http://localhost:4100/success',
      fail_redirect_url: 'http://localhost:4100/cancel',
      extra_params: { language: 'ar', strict_amount: false },
    },
  });
  expect(created.status(), await created.text()).toBe(200);
  await page.goto((await created.json()).data.checkout_url);
  await hydrated(page);
  const amount = page.locator('#amount');
  await expect(amount).toHaveValue('1750.00');
  await expect(amount).toHaveAttribute('dir', 'ltr');
  await expect(page.getByTestId('amount-hint')).toContainText(`${FSI}\u200f1,750.00\u00a0MZN${PDI}`);
  await snap(page, 'rtl-ar-partial');
});

test('a left-to-right page is not mirrored', async ({ page, request }) => {
  const session = await createSession(request, { locale: 'en' });
  await page.goto(session.url);
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  const mpesa = page.locator('label.method').filter({ has: page.locator('input[value="mpesa"]') });
  expect(await middle(mpesa.locator('input'))).toBeLessThan(await middle(mpesa.locator('.method-name')));
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the Arabic page is right to left and pays before any WebAssembly', async ({ page, request }) => {
    const session = await createSession(request, { locale: 'ar', success_url: undefined });
    await page.goto(session.url);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const mpesa = page.locator('label.method').filter({ has: page.locator('input[value="mpesa"]') });
    expect(await middle(mpesa.locator('input'))).toBeGreaterThan(await middle(mpesa.locator('.method-name')));
    await page.locator('#phone').fill('٨٤ ٠٠٠ ٠٠٠٠');
    await snap(page, 'rtl-ar-choose-nojs');
    await page.getByTestId('pay').click();
    await expect(page.getByTestId('receipt')).toContainText(ar('receipt-title'), { timeout: 15_000 });
  });
});
