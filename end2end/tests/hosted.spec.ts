import { test, expect, APIRequestContext, Page } from '@playwright/test';
import { hydrated, merchantKey, snap, watchConsole } from './helpers';

// The providers whose own page takes the payment, each against its local
// fake (server/tests/support/{flutterwave,payfast,stripe}_fake.rs served by
// the fake_providers example): Flutterwave Standard (cards, and mobile
// money), PayFast (rand), and Stripe Checkout inside a merchant's frame.

const FAKE = 'http://127.0.0.1:4300';
const SHOP = 'https://shop.example';
// The stand-in merchant (test mode may frame from http://localhost).
const STRANGER = 'http://localhost:4100';
async function post(request: APIRequestContext, key: string, url: string, data: object) {
  const res = await request.post(url, { headers: { Authorization: `Bearer ${key}` }, data });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

async function checkout(request: APIRequestContext, key: string, body: object) {
  return (await post(request, key, '/v1/checkout/sessions', {
    description: 'Order #3141',
    success_url: `${SHOP}/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${SHOP}/cancel`,
    ...body,
  })) as { id: string; url: string; payment_method_types: string[] };
}

async function status(request: APIRequestContext, key: string, id: string): Promise<string> {
  const res = await request.get(`/v1/checkout/sessions/${id}`, { headers: { Authorization: `Bearer ${key}` } });
  const s = await res.json();
  return `${s.status}/${s.payment_status}`;
}

/** Presses Pay and follows the provider's page's button; resolves when the
 * browser asks the shop for its success page. */
async function payAtProvider(page: Page, session: { id: string }, pageUrl: RegExp, button: string) {
  await page.getByTestId('pay').click();
  await page.waitForURL(pageUrl);
  const toShop = page.waitForRequest(`${SHOP}/success?session_id=${session.id}`, { timeout: 20_000 });
  await page.getByRole('button', { name: button, exact: true }).click();
  await toShop;
}

const continueTo = {
  en: (p: string) => `Continue to ${p}`,
  pt: (p: string) => `Continuar para ${p}`,
} as const;

test.describe.configure({ mode: 'serial' });

test.describe('flutterwave', () => {
  let key = '';
  test.beforeAll(async ({ request }) => {
    key = merchantKey('Mama Mboga', true);
    const account = await post(request, key, '/v1/connector_accounts', {
      provider: 'flutterwave',
      methods: ['card', 'momo_mtn'],
      credentials: { secret_key: 'FLWSECK-fake0000lipa0000live-X', secret_hash: 'lipa-fake-secret-hash' },
    });
    const hook = await request.post(`${FAKE}/flutterwave/_fake/endpoint`, { data: { url: account.webhook_url } });
    expect(hook.status()).toBe(204);
  });

  for (const lang of ['en', 'pt'] as const) {
    test(`a live KES card payment is made on Flutterwave's page (${lang})`, async ({ page, request }) => {
      const errors = watchConsole(page);
      const session = await checkout(request, key, { currency: 'KES', amount: 250050, locale: lang, payment_method_types: ['card'] });
      await page.goto(session.url);
      await hydrated(page);
      await expect(page.locator('input[autocomplete="cc-number"], input[name="card_number"]')).toHaveCount(0);
      await snap(page, `live-flutterwave-choose-${lang}`);
      await payAtProvider(page, session, /\/flutterwave\/pay\//, 'Pay');
      expect(await status(request, key, session.id)).toBe('complete/succeeded');
      expect(errors).toEqual([]);
    });

    test(`a buyer who cancels on Flutterwave's page can pay another way (${lang})`, async ({ page, request }) => {
      const session = await checkout(request, key, { currency: 'GHS', amount: 4500, locale: lang, payment_method_types: ['card', 'momo_mtn'] });
      await page.goto(session.url);
      await hydrated(page);
      await page.locator('input[name="method"][value="momo_mtn"]').check();
      await page.getByTestId('pay').click();
      await page.waitForURL(/\/flutterwave\/pay\//);
      await expect(page.getByText('mobilemoneyghana')).toBeVisible();
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.waitForURL(new RegExp(`/c/${session.id}`));
      await expect(page.getByTestId('action')).toContainText(continueTo[lang]('Flutterwave'));
      await snap(page, `live-flutterwave-back-${lang}`);
      await page.getByTestId('abandon').click();
      await expect(page.getByTestId('pay')).toBeVisible();
      expect(await status(request, key, session.id)).toMatch(/^open\//);
    });
  }
});

test.describe('payfast', () => {
  let key = '';
  test.beforeAll(async ({ request }) => {
    key = merchantKey('Spaza ya Thandi', true);
    await post(request, key, '/v1/connector_accounts', {
      provider: 'payfast',
      credentials: { merchant_id: '10000100', merchant_key: '46f0cd694581a', passphrase: 'jt7NOE43FZPn' },
    });
  });

  for (const lang of ['en', 'pt'] as const) {
    test(`a live ZAR payment is made on PayFast's page and told by its ITN (${lang})`, async ({ page, request }) => {
      const errors = watchConsole(page);
      const session = await checkout(request, key, { currency: 'ZAR', amount: 9900, locale: lang });
      expect(session.payment_method_types).toEqual(['payfast']);
      await page.goto(session.url);
      await hydrated(page);
      await snap(page, `live-payfast-choose-${lang}`);
      await payAtProvider(page, session, /\/payfast\/eng\/process/, 'Pay');
      expect(await status(request, key, session.id)).toBe('complete/succeeded');
      expect(errors).toEqual([]);
    });
  }

  test('without JavaScript the buyer reaches PayFast with a button', async ({ browser, request }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'pt-PT' });
    const page = await context.newPage();
    const session = await checkout(request, key, { currency: 'ZAR', amount: 12000, locale: 'pt' });
    await page.goto(session.url);
    await page.getByTestId('pay').click();
    await page.waitForURL(/\/hooks\/payfast\//);
    await expect(page.getByRole('heading')).toHaveText('Continuar para PayFast');
    await snap(page, 'live-payfast-hop-nojs-pt');
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.waitForURL(/\/payfast\/eng\/process/);
    await expect(page.getByRole('heading')).toHaveText('Pay R 120.00');
    await context.close();
  });
});

test('inside a merchant\'s frame, Stripe\'s page opens in the top window and the buyer comes back', async ({ page, request }) => {
  // A test-mode merchant whose test Stripe account serves cards: the same
  // page as live, and the stand-in merchant on http://localhost may frame it.
  const key = merchantKey('Framed Stripe shop', false);
  await post(request, key, '/v1/connector_accounts', {
    provider: 'stripe',
    credentials: { secret_key: 'sk_test_fake_51Lipa0000000000', webhook_secret: 'whsec_fake_lipa_0123456789' },
  });
  const product = await post(request, key, '/v1/products', {
    type: 'api_gateway', name: 'Framed', main_currency: 'ZAR', embed_origins: [STRANGER],
  });
  const session = await checkout(request, key, {
    currency: 'ZAR', amount: 5000, product: product.id, payment_method_types: ['card'],
    success_url: `${STRANGER}/success?session_id={CHECKOUT_SESSION_ID}`,
  });
  await page.goto(`${STRANGER}/plain?url=${encodeURIComponent(session.url)}`);
  const frame = page.frameLocator('iframe');
  await frame.getByTestId('pay').click();
  // Stripe refuses frames: the frame waits for the buyer's click, which
  // takes the whole window there.
  const go = frame.getByTestId('continue');
  await expect(go).toHaveAttribute('target', '_top');
  await expect(frame.getByTestId('action')).toContainText('Continue to Stripe');
  await snap(page, 'embed-stripe-continue');
  await go.click();
  await page.waitForURL(/\/stripe\/pay\/cs_test_/);
  await page.getByRole('button', { name: 'Pay' }).click();
  await page.waitForURL(`${STRANGER}/success?session_id=${session.id}`);
  expect(await status(request, key, session.id)).toBe('complete/succeeded');
});

test('the hosted-page fakes saw nothing Lipa should not have sent', async ({ request }) => {
  for (const p of ['flutterwave', 'payfast', 'stripe']) {
    const v = await (await request.get(`${FAKE}/${p}/_fake/violations`)).json();
    expect(v, p).toEqual([]);
  }
});
