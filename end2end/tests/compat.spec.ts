import { test, expect, APIRequestContext } from '@playwright/test';
import { API_KEY, auth, MERCHANT, snap, watchConsole } from './helpers';
import { WEBHOOK_SECRET } from '../playwright.config';

// Merchants coming from Zenofy, Orqex and Waftpay create checkouts with
// their old requests; the buyer pays in Chromium; the merchant learns the
// outcome the way that gateway tells it (status call, webhook, callback).

type Hook = { id: string; type: string; session: string | null; verified: boolean };
const hooksFor = async (request: APIRequestContext, session: string) =>
  (await (await request.get(`${MERCHANT}/webhooks?session=${session}`)).json()) as Hook[];

test('Zenofy: order-api-gateway, paid in the browser, order-status says paid', async ({ page, request }) => {
  const productId = `zen${Date.now()}`;
  const product = await request.post('/v1/products', {
    headers: auth,
    data: { id: productId, name: 'Pro plan', main_currency: 'MZN', webhook_url: `${MERCHANT}/webhooks` },
  });
  expect(product.status(), await product.text()).toBe(200);
  const created = await request.post('/checkout/order-api-gateway', {
    headers: { 'Api-Key': API_KEY },
    data: {
      productId,
      amount: 2500,
      currency: 'MZN',
      reference: 'inv-2026-0042',
      description: 'Pro plan — March 2026',
      customer: { name: 'João Silva', email: 'buyer@example.com', phone: '+258840000000' },
      payment_methods: ['mpesa', 'card'],
      success_url: `${MERCHANT}/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${MERCHANT}/cancel`,
      language: 'pt',
    },
  });
  expect(created.status(), await created.text()).toBe(200);
  const { checkout_id, checkout_url } = await created.json();
  const errors = watchConsole(page);
  await page.goto(checkout_url);
  await expect(page.locator('html')).toHaveAttribute('lang', 'pt');
  await expect(page.getByTestId('amount')).toHaveText('25,00 MZN');
  await page.getByTestId('pay').click();
  await expect(page.getByTestId('status')).toHaveText('complete/succeeded');
  const status = await (
    await request.get(`/checkout/order-status?orderId=${checkout_id}`, { headers: { 'Api-Key': API_KEY } })
  ).json();
  expect(status).toMatchObject({ success: true, status: 'paid', reference: 'inv-2026-0042' });
  expect(errors).toEqual([]);
});

test('Orqex: a branded checkout restricted to one phone, paid; the webhook_url hears it', async ({ page, request }) => {
  // Orqex checkouts use the merchant's default product, whose secret signs
  // their webhooks: give it the secret the merchant's server verifies with.
  const products = (await (await request.get('/v1/products', { headers: auth })).json()).data;
  const demo = products.find((p: { name: string }) => p.name === 'Demo checkout');
  const set = await request.post(`/v1/products/${demo.id}`, { headers: auth, data: { webhook_secret: WEBHOOK_SECRET } });
  expect(set.status(), await set.text()).toBe(200);
  const created = await request.post('/v1/payment/checkouts', {
    headers: { Authorization: `Bearer ${API_KEY}`, 'X-Idempotency-Key': `orqex-${Date.now()}` },
    data: {
      amount: 2650,
      currency: 'MZN',
      description: 'Capulana, hand-printed',
      customer: { email: 'awa@example.com', first_name: 'Awa', last_name: 'Diop' },
      return_url: `${MERCHANT}/success?session_id={CHECKOUT_SESSION_ID}`,
      webhook_url: `${MERCHANT}/webhooks`,
      restriction: { country_code: 'MZ', phone: { number: '840000000', country: 'MZ' } },
      customization: { color: '#FFD400', brand: 'Boutique Awa' },
      metadata: { order: 'A-77' },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { data } = await created.json();
  await page.goto(data.checkout.url);
  await expect(page.locator('.merchant')).toHaveText('Boutique Awa');
  // The merchant's yellow, with dark text the page chose for it.
  const pay = page.getByTestId('pay');
  await expect(pay).toHaveCSS('background-color', 'rgb(255, 212, 0)');
  await expect(pay).toHaveCSS('color', 'rgb(17, 17, 17)');
  await expect(page.locator('#phone')).toHaveValue('+258 84 000 0000');
  await expect(page.locator('#phone')).toHaveAttribute('readonly', '');
  // A phone restriction offers mobile money to that number only: no card,
  // no other network (issue 13).
  await expect(page.locator('input[name=method][value=mpesa]')).toBeAttached();
  for (const other of ['emola', 'card', 'stripe']) {
    await expect(page.locator(`input[name=method][value=${other}]`)).toHaveCount(0);
  }
  await snap(page, 'compat-orqex-branded-en');
  await page.goto(`${data.checkout.url}?lang=pt`);
  await expect(page.getByText('O comerciante definiu o número que paga este pedido.')).toBeVisible();
  await snap(page, 'compat-orqex-branded-pt');
  await pay.click();
  await expect(page.getByTestId('status')).toHaveText('complete/succeeded');
  const session = data.checkout.id;
  await expect
    .poll(async () => (await hooksFor(request, session)).map((h) => `${h.type}:${h.verified}`).sort())
    .toEqual(['checkout.session.completed:true', 'payment.succeeded:true']);
  const retrieved = await (
    await request.get(`/v1/payment/checkouts/${session}`, { headers: auth })
  ).json();
  expect(retrieved.data.payment.status).toBe('succeeded');
});

test('Waftpay: a token, a request with strict_amount false, paid in two parts', async ({ page, request }) => {
  const token = (
    await (await request.post('/checkout-backend-api/v1/auth/token', { data: { api_key: API_KEY } })).json()
  ).data.access_token;
  const reference = `CHK${Date.now()}`;
  const created = await request.post('/checkout-backend-api/v1/request', {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      customer: { first_name: 'Amina', other_names: 'Machava', email: 'amina@example.com', phone_number: '258840000000' },
      checkout_reference: reference,
      payment_reference: 'INV20478519',
      msisdn: '258840000000',
      country: 'MOZ',
      currency: 'MZN',
      amount: 1750,
      mode: 'redirect',
      callback_url: `${MERCHANT}/webhooks`,
      success_redirect_url: `${MERCHANT}/success?session_id={CHECKOUT_SESSION_ID}`,
      fail_redirect_url: `${MERCHANT}/cancel`,
      extra_params: { language: 'auto', strict_amount: false },
    },
  });
  expect(created.status(), await created.text()).toBe(200);
  const { checkout_url } = (await created.json()).data;
  const status = async () =>
    (
      await (
        await request.get(`/checkout-backend-api/v1/request/${reference}`, {
          headers: { Authorization: `Bearer ${token}` },
        })
      ).json()
    ).data;

  await page.goto(checkout_url);
  await expect(page.locator('#amount')).toHaveValue('1750.00');
  await expect(page.getByTestId('amount-hint')).toContainText('MZN 1,750.00');
  await snap(page, 'compat-waftpay-partial-en');
  await page.locator('#amount').fill('500');
  await page.getByTestId('pay').click();
  await expect(page.getByTestId('pending')).toBeVisible();
  await expect(page.getByTestId('pending')).toContainText('MZN 500.00');
  // Paid in part: back to the form, with what is left.
  await expect(page.locator('#amount')).toHaveValue('1250.00', { timeout: 20_000 });
  await expect(page.getByTestId('amount-hint')).toContainText('MZN 500.00');
  expect((await status()).status).toBe('PARTIALLY_PAID');
  await page.goto(`${checkout_url}?lang=pt`);
  await expect(page.getByTestId('amount-hint')).toContainText('500,00 MZN');
  await snap(page, 'compat-waftpay-partial-pt');
  await page.getByTestId('pay').click();
  await expect(page.getByTestId('status')).toHaveText('complete/succeeded', { timeout: 20_000 });
  const final = await status();
  expect(final.status).toBe('PAID');
  expect(final.payments.map((p: { amount: string }) => p.amount)).toEqual(['500.00', '1250.00']);
});

test('the API reference reads without any CDN and links the OpenAPI document', async ({ page, request }) => {
  // 40 operations with their schemas: the full-page screenshots and axe at
  // two widths alone take most of a minute on two busy cores.
  test.setTimeout(150_000);
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const outside: string[] = [];
  page.on('request', (r) => { if (!r.url().startsWith('http://localhost:3100/')) outside.push(r.url()); });
  await page.goto('/docs');
  await expect(page.getByRole('heading', { name: 'Lipa API reference' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Zenofy compatible' })).toBeVisible();
  // Every operation of the OpenAPI document, each once.
  const doc = await (await request.get('/openapi.json')).json();
  const methods = ['get', 'post', 'put', 'patch', 'delete'];
  const operations = Object.values(doc.paths as Record<string, object>)
    .flatMap((item) => Object.keys(item).filter((m) => methods.includes(m)));
  expect(operations.length).toBeGreaterThan(20);
  await expect(page.locator('.op')).toHaveCount(operations.length);
  // The stylesheet applied (allowed by its hash), no CSP errors.
  await expect(page.locator('.m').first()).toHaveCSS('background-color', 'rgb(15, 118, 110)');
  expect(errors).toEqual([]);
  expect(outside).toEqual([]);
  await snap(page, 'api-reference');
  // The top of the page as a phone shows it (the full page is very long).
  await page.setViewportSize({ width: 360, height: 800 });
  await page.locator('#checkout-sessions').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'artifacts/screenshots/api-reference-sessions-360.png' });
  expect(doc.openapi).toMatch(/^3\.1/);
});
