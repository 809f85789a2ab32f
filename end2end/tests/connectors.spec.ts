import { test, expect, APIRequestContext, Page } from '@playwright/test';
import { hydrated, merchantKey, snap, watchConsole } from './helpers';

// A merchant with a live key takes real-rail payments on the page: M-Pesa
// Daraja (KES), Vodacom M-Pesa Mozambique (MZN) and MTN MoMo (GHS), each
// against its local fake (server/tests/support/fakes.rs), which checks
// every request Lipa sends.

const FAKE = 'http://127.0.0.1:4300';
// Live mode takes only https return URLs: the shop is answered by the
// browser itself (page.route), and the outcome read from the API.
const SHOP = 'https://shop.example';
/** A new merchant and its live key, made with the operator's CLI. */
const liveMerchant = (name: string) => merchantKey(name, true);

async function addAccount(request: APIRequestContext, key: string, provider: string, credentials: object) {
  const res = await request.post('/v1/connector_accounts', {
    headers: { Authorization: `Bearer ${key}` },
    data: { provider, credentials },
  });
  expect(res.status(), await res.text()).toBe(200);
}

const credentials = {
  mpesa_daraja: {
    consumer_key: 'fake_consumer_key',
    consumer_secret: 'fake_consumer_secret_9f8e7d',
    business_short_code: '174379',
    passkey: 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919',
    transaction_type: 'CustomerPayBillOnline',
  },
  mtn_momo: {
    api_user: '8a1d6f3e-2b4c-4d5e-9f60-718293a4b5c6',
    api_key: 'fake_momo_api_key_3e2d1c',
    subscription_key: 'fake_momo_subscription_0a9b8c',
    target_environment: 'mtnghana',
  },
};

async function checkout(request: APIRequestContext, key: string, currency: string, amount: number, lang: string) {
  const res = await request.post('/v1/checkout/sessions', {
    headers: { Authorization: `Bearer ${key}` },
    data: {
      currency,
      amount,
      locale: lang,
      description: 'Order #2077',
      success_url: `${SHOP}/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${SHOP}/cancel`,
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as { id: string; url: string; payment_method_types: string[] };
}

async function status(request: APIRequestContext, key: string, id: string): Promise<string> {
  const res = await request.get(`/v1/checkout/sessions/${id}`, { headers: { Authorization: `Bearer ${key}` } });
  const s = await res.json();
  return `${s.status}/${s.payment_status}`;
}

// The buyer answers after 7 s: time to photograph the pending page at
// both widths and run axe on each (several seconds on a busy machine)
// before it moves on, within the suite's 12 s push limit
// (LIPA_PUSH_TIMEOUT_MS).
async function script(request: APIRequestContext, phone: string, result: string, delay_ms = 7000) {
  const res = await request.post(`${FAKE}/_fake/script`, { data: { phone, result, delay_ms } });
  expect(res.status()).toBe(204);
}

async function payWithPhone(page: Page, method: string, phone: string) {
  // A checkout with one method may show it without a choice to make.
  const choice = page.locator(`input[name="method"][value="${method}"]`);
  if (await choice.count()) await choice.check();
  await page.locator('#phone').fill(phone);
  await page.getByTestId('pay').click();
}

const shopPage = '<!doctype html><html lang="en"><title>Shop</title><main><h1>Thank you</h1></main></html>';

const words = {
  en: { pending: 'Check your phone', wrongPin: 'The PIN was wrong. Try again and enter your M-Pesa PIN.' },
  pt: { pending: 'Verifique o seu telemóvel', wrongPin: 'O PIN estava errado. Tente de novo e introduza o seu PIN M-Pesa.' },
} as const;

const rails = [
  { provider: 'mpesa_daraja', currency: 'KES', amount: 150000, method: 'mpesa', phone: (n: number) => `+2547120000${n}` },
  { provider: 'mpesa_vodacom_mz', currency: 'MZN', amount: 265050, method: 'mpesa', phone: (n: number) => `+2588412300${n}` },
  { provider: 'mtn_momo', currency: 'GHS', amount: 4500, method: 'momo_mtn', phone: (n: number) => `+2332412300${n}` },
];

test.describe.configure({ mode: 'serial' });

let key = '';
test.beforeAll(async ({ request }) => {
  key = liveMerchant('Duka la Amina');
  const vodacomKey = await (await request.get(`${FAKE}/_fake/vodacom_public_key`)).text();
  await addAccount(request, key, 'mpesa_daraja', credentials.mpesa_daraja);
  await addAccount(request, key, 'mpesa_vodacom_mz', {
    api_key: 'fake_vodacom_api_key_6c5b4a',
    public_key: vodacomKey,
    service_provider_code: '171717',
  });
  await addAccount(request, key, 'mtn_momo', credentials.mtn_momo);
});

for (const lang of ['en', 'pt'] as const) {
  rails.forEach((rail, i) => {
    test(`a live ${rail.currency} checkout is paid through ${rail.provider} (${lang})`, async ({ page, request }) => {
      const errors = watchConsole(page);
      // On a slow machine the buyer may answer while the pending page is
      // being photographed; the page then lands here, and axe checks this.
      await page.route(`${SHOP}/**`, (r) => r.fulfill({ contentType: 'text/html', body: shopPage }));
      const phone = rail.phone(10 + i + (lang === 'pt' ? 3 : 0));
      await script(request, phone.slice(1), rail.provider === 'mpesa_daraja' ? '0' : rail.provider === 'mtn_momo' ? 'SUCCESSFUL' : 'INS-0');
      const session = await checkout(request, key, rail.currency, rail.amount, lang);
      expect(session.payment_method_types).toEqual([rail.method]);
      await page.goto(session.url);
      await hydrated(page);
      await payWithPhone(page, rail.method, phone);
      await expect(page.getByTestId('pending')).toContainText(words[lang].pending);
      await snap(page, `live-${rail.provider}-pending-${lang}`);
      await page.waitForURL(`${SHOP}/success?session_id=${session.id}`, { timeout: 20_000 });
      expect(await status(request, key, session.id)).toBe('complete/succeeded');
      expect(errors).toEqual([]);
    });
  });

  test(`a wrong M-Pesa PIN at Daraja is told in the buyer's words and can be retried (${lang})`, async ({ page, request }) => {
    const phone = lang === 'en' ? '+254712002001' : '+254712002002';
    await script(request, phone.slice(1), '2001', 800);
    const session = await checkout(request, key, 'KES', 50000, lang);
    await page.goto(session.url);
    await hydrated(page);
    await payWithPhone(page, 'mpesa', phone);
    await expect(page.getByTestId('payment-failed')).toContainText(words[lang].wrongPin, { timeout: 20_000 });
    await snap(page, `live-daraja-wrong-pin-${lang}`);
  });
}

// Stripe Checkout: the buyer leaves for Stripe's page (the fake's) and
// comes back; no card number is typed on Lipa's page.
let stripeKey = '';
test.describe('stripe', () => {
  test.beforeAll(async ({ request }) => {
    stripeKey = liveMerchant('Loja da Fátima');
    const res = await request.post('/v1/connector_accounts', {
      headers: { Authorization: `Bearer ${stripeKey}` },
      data: { provider: 'stripe', credentials: { secret_key: 'sk_live_fake_51Lipa0000000000', webhook_secret: 'whsec_fake_lipa_0123456789' } },
    });
    expect(res.status(), await res.text()).toBe(200);
    const account = await res.json();
    const hook = await request.post(`${FAKE}/stripe/_fake/endpoint`, {
      data: { url: account.webhook_url, secret: 'whsec_fake_lipa_0123456789' },
    });
    expect(hook.status()).toBe(204);
  });

  for (const lang of ['en', 'pt'] as const) {
    test(`a live ZAR checkout is paid on Stripe's page and comes back (${lang})`, async ({ page, request }) => {
      const errors = watchConsole(page);
      const session = await checkout(request, stripeKey, 'ZAR', 9900, lang);
      expect(session.payment_method_types).toEqual(['card']);
      await page.goto(session.url);
      await hydrated(page);
      // "Card", as in test mode, but no card field: Stripe's page takes it.
      await expect(page.locator('input[name="method"][value="card"]')).toHaveCount(1);
      await expect(page.locator('input[name="card_number"], #card_number, input[autocomplete="cc-number"]')).toHaveCount(0);
      await snap(page, `live-stripe-choose-${lang}`);
      await page.getByTestId('pay').click();
      await page.waitForURL(/\/stripe\/pay\/cs_test_/);
      await expect(page.getByRole('heading')).toContainText('ZAR 9900');
      // Stripe's page redirects to Lipa's return hop, which redirects to
      // the shop: one redirect chain, which page.route cannot answer, so
      // the test watches for the shop's request itself.
      const toShop = page.waitForRequest(`${SHOP}/success?session_id=${session.id}`, { timeout: 20_000 });
      await page.getByRole('button', { name: 'Pay' }).click();
      await toShop;
      expect(await status(request, stripeKey, session.id)).toBe('complete/succeeded');
      expect(errors).toEqual([]);
    });

    test(`a buyer back from Stripe's page unpaid can still choose (${lang})`, async ({ page, request }) => {
      const session = await checkout(request, stripeKey, 'ZAR', 4500, lang);
      await page.goto(session.url);
      await hydrated(page);
      await page.getByTestId('pay').click();
      await page.waitForURL(/\/stripe\/pay\/cs_test_/);
      await page.getByRole('button', { name: 'Back' }).click();
      await page.waitForURL(new RegExp(`/c/${session.id}`));
      await expect(page.getByTestId('action')).toBeVisible();
      await snap(page, `live-stripe-back-${lang}`);
      await page.getByTestId('abandon').click();
      await expect(page.getByTestId('pay')).toBeVisible();
      expect(await status(request, stripeKey, session.id)).toMatch(/^open\//);
    });
  }
});

test('the fakes saw nothing Lipa should not have sent', async ({ request }) => {
  const v = await (await request.get(`${FAKE}/_fake/violations`)).json();
  expect(v).toEqual([]);
  const stripe = await (await request.get(`${FAKE}/stripe/_fake/violations`)).json();
  expect(stripe).toEqual([]);
});
