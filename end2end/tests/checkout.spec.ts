import { createHash } from 'node:crypto';
import { test, expect, Page } from '@playwright/test';
import * as zlib from 'node:zlib';
import { auth, createSession, getSession, hydrated, MERCHANT, snap, watchConsole } from './helpers';

/** What the buyer reads, per language. */
const words = {
  en: {
    pay: 'Pay MZN 2,650.00',
    amount: 'MZN 2,650.00',
    pending: 'Check your phone',
    receipt: 'Payment successful',
    failed: 'Payment not completed',
    insufficient: 'Your M-Pesa balance is too low for this payment.',
    wrongNetwork: 'This number is not on M-Pesa.',
    expired: 'This checkout has expired',
    cancelled: 'This checkout was cancelled',
    notFound: 'Checkout not found',
    returnTo: 'Return to Demo Store',
  },
  pt: {
    pay: 'Pagar 2.650,00 MZN',
    amount: '2.650,00 MZN',
    pending: 'Verifique o seu telemóvel',
    receipt: 'Pagamento concluído',
    failed: 'Pagamento não concluído',
    insufficient: 'O seu saldo M-Pesa não chega para este pagamento.',
    wrongNetwork: 'Este número não é da rede M-Pesa.',
    expired: 'Este pagamento expirou',
    cancelled: 'Este pagamento foi cancelado',
    notFound: 'Pagamento não encontrado',
    returnTo: 'Voltar para Demo Store',
  },
} as const;
type Lang = keyof typeof words;
const LANGS: Lang[] = ['en', 'pt'];

/** Normalises the no-break spaces money formatting uses. */
const plain = (s: string | null) => (s ?? '').replace(/\u00a0/g, ' ').trim();

async function payWithPhone(page: Page, phone: string) {
  await page.getByLabel(/M-Pesa/).first().check();
  const input = page.locator('#phone');
  await input.fill(phone);
  await page.getByTestId('pay').click();
}

for (const lang of LANGS) {
  const w = words[lang];

  test(`pays with M-Pesa and lands on the merchant's success page (${lang})`, async ({ page, request }) => {
    const errors = watchConsole(page);
    const session = await createSession(request, { locale: lang, customer: { phone: '+258840000000' } });
    await page.goto(session.url);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    expect(plain(await page.getByTestId('amount').textContent())).toBe(w.amount);
    await expect(page.locator('#phone')).toHaveValue('+258 84 000 0000');
    await hydrated(page);
    await snap(page, `open-${lang}`);

    await payWithPhone(page, '84 000 0000');
    await expect(page.getByTestId('pending')).toContainText(w.pending);
    await expect(page.getByTestId('pending')).toContainText('+258 84 000 0000');
    await snap(page, `pending-${lang}`);

    await page.waitForURL(`${MERCHANT}/success?session_id=${session.id}`);
    await expect(page.getByTestId('status')).toHaveText('complete/succeeded');
    expect(errors).toEqual([]);
  });

  test(`shows a receipt when there is no success URL, and again on a later visit (${lang})`, async ({ page, request }) => {
    const session = await createSession(request, { locale: lang, success_url: undefined });
    await page.goto(session.url);
    await hydrated(page);
    await payWithPhone(page, '840000000');
    await expect(page.getByTestId('receipt')).toContainText(w.receipt);
    await expect(page.getByTestId('reference')).toHaveText(session.charge_reference as string);
    await snap(page, `receipt-${lang}`);
    await page.reload();
    await expect(page.getByTestId('receipt')).toContainText(w.receipt);
    const s = await getSession(request, session.id);
    expect([s.status, s.payment_status]).toEqual(['complete', 'succeeded']);
  });

  test(`a declined payment says why and can be paid again (${lang})`, async ({ page, request }) => {
    const session = await createSession(request, { locale: lang });
    await page.goto(session.url);
    await hydrated(page);
    await payWithPhone(page, '84 000 0001');
    await expect(page.getByTestId('payment-failed')).toContainText(w.failed);
    await expect(page.getByTestId('payment-failed')).toContainText(w.insufficient);
    await snap(page, `declined-${lang}`);
    let s = await getSession(request, session.id);
    expect([s.status, s.payment_status, s.failure_code]).toEqual(['open', 'failed', 'insufficient_funds']);

    await payWithPhone(page, '84 000 0000');
    await page.waitForURL(`${MERCHANT}/success?session_id=${session.id}`);
    s = await getSession(request, session.id);
    expect([s.status, s.payment_status]).toEqual(['complete', 'succeeded']);
  });

  test(`an expired session says so and takes no payment (${lang})`, async ({ page, request }) => {
    const session = await createSession(request, {
      locale: lang,
      expires_at: Math.floor(Date.now() / 1000) + 2,
    });
    await page.waitForTimeout(2500);
    await page.goto(session.url);
    await expect(page.getByTestId('expired-title')).toContainText(w.expired);
    await expect(page.getByTestId('pay')).toHaveCount(0);
    await snap(page, `expired-${lang}`);
    const posted = await request.post(`/c/${session.id}`, {
      form: { method: 'mpesa', phone: '840000000' },
      maxRedirects: 0,
    });
    expect(posted.status()).toBe(303);
    const s = await getSession(request, session.id);
    expect([s.status, s.payment_status]).toEqual(['expired', 'requires_payment_method']);
  });

  test(`a session the merchant expired shows as cancelled (${lang})`, async ({ page, request }) => {
    const session = await createSession(request, { locale: lang });
    const res = await request.post(`/v1/checkout/sessions/${session.id}/expire`, { headers: auth });
    expect(res.status()).toBe(200);
    await page.goto(session.url);
    await expect(page.getByTestId('cancelled-title')).toContainText(w.cancelled);
    await snap(page, `cancelled-${lang}`);
  });

  test(`an unknown checkout is a 404 page (${lang})`, async ({ page }) => {
    const res = await page.goto(`/c/cs_doesnotexist?lang=${lang}`);
    expect(res?.status()).toBe(404);
    await expect(page.getByTestId('not-found')).toContainText(w.notFound);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await snap(page, `not-found-${lang}`);
  });

  test(`a number from the wrong network is refused before anything is sent (${lang})`, async ({ page, request }) => {
    const session = await createSession(request, { locale: lang });
    await page.goto(session.url);
    await hydrated(page);
    await payWithPhone(page, '86 000 0000');
    await expect(page.getByTestId('phone-error')).toHaveText(w.wrongNetwork);
    await expect(page.locator('#phone')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#phone')).toBeFocused();
    await snap(page, `invalid-phone-${lang}`);
    const s = await getSession(request, session.id);
    expect(s.payment_status).toBe('requires_payment_method');
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('pays with plain form posts and a self-refreshing pending page', async ({ page, request }) => {
    const session = await createSession(request);
    await page.goto(session.url);
    await payWithPhone(page, '84 000 0000');
    await expect(page).toHaveURL(session.url);
    await expect(page.getByTestId('pending')).toContainText(words.en.pending);
    await snap(page, 'pending-nojs-en');
    await page.waitForURL(`${MERCHANT}/success?session_id=${session.id}`, { timeout: 20_000 });
    await expect(page.getByTestId('status')).toHaveText('complete/succeeded');
  });

  test('a refused number comes back with the error and what was typed', async ({ page, request }) => {
    const session = await createSession(request, { locale: 'pt' });
    await page.goto(session.url);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      payWithPhone(page, '86 000 0000'),
    ]);
    expect(response.status()).toBe(422);
    await expect(page.getByTestId('phone-error')).toHaveText(words.pt.wrongNetwork);
    await expect(page.locator('#phone')).toHaveValue('86 000 0000');
    await snap(page, 'invalid-phone-nojs-pt');
    const s = await getSession(request, session.id);
    expect(s.payment_status).toBe('requires_payment_method');
  });

  test('a paid session visited later shows its receipt with a way back', async ({ page, request }) => {
    const session = await createSession(request);
    await page.goto(session.url);
    await payWithPhone(page, '84 000 0000');
    await page.waitForURL(/\/success/, { timeout: 20_000 });
    await page.goto(session.url);
    await expect(page.getByTestId('receipt')).toContainText(words.en.receipt);
    await expect(page.getByTestId('return-link')).toHaveAttribute(
      'href',
      `${MERCHANT}/success?session_id=${session.id}`,
    );
    await snap(page, 'completed-en');
  });
});

test('cancel returns to the merchant unchanged and the order stays open', async ({ page, request }) => {
  const session = await createSession(request, { cancel_url: `${MERCHANT}/cancel?order=1042&x=%20y` });
  await page.goto(session.url);
  await page.getByTestId('cancel').click();
  await page.waitForURL(`${MERCHANT}/cancel?order=1042&x=%20y`);
  await expect(page.getByTestId('cancelled')).toBeVisible();
  const s = await getSession(request, session.id);
  expect([s.status, s.payment_status]).toEqual(['open', 'requires_payment_method']);
});

test('two payments fired at once make exactly one payment', async ({ request }) => {
  const session = await createSession(request);
  const post = () =>
    request.post(`/c/${session.id}`, { form: { method: 'mpesa', phone: '840000000' }, maxRedirects: 0 });
  const results = await Promise.all([post(), post(), post(), post()]);
  for (const r of results) expect(r.status()).toBe(303);
  await expect
    .poll(async () => (await getSession(request, session.id)).payment_status, { timeout: 15_000 })
    .toBe('succeeded');
});

test('pages carry a strict Content-Security-Policy and security headers', async ({ request }) => {
  const session = await createSession(request);
  const res = await request.get(session.url);
  const csp = res.headers()['content-security-policy'];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]+'( 'sha256-[A-Za-z0-9+/=]+')+ 'wasm-unsafe-eval'/);
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).toContain("default-src 'none'");
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  expect(res.headers()['referrer-policy']).toBe('same-origin');
  const html = await res.text();
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  // Every inline script and style carries this response's nonce, or is
  // one of the shared head's, which the policy names by hash.
  const hashed = [...csp.matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]);
  let byHash = 0;
  for (const m of html.matchAll(/<(script|style)\b([^>]*)>([\s\S]*?)<\/\1>/g)) {
    const [, , attributes, content] = m;
    if (/\bsrc=/.test(attributes)) continue;
    if (attributes.includes(`nonce="${nonce}"`)) continue;
    expect(attributes).not.toContain('nonce=');
    expect(hashed).toContain(createHash('sha256').update(content).digest('base64'));
    byHash += 1;
  }
  expect(byHash).toBe(3); // the stylesheet, the idle limit, the hydration bootstrap
});

test('assets come compressed and cached: a return visit downloads only the HTML', async ({ page, request }) => {
  // What Chromium itself transferred, per resource, from the DevTools protocol.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const sent = new Map<string, { url: string; bytes: number; encoding?: string }>();
  cdp.on('Network.responseReceived', (e) => {
    const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    sent.set(e.requestId, {
      url: e.response.url,
      bytes: 0,
      encoding: h['content-encoding'] as string | undefined,
    });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = sent.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  const visit = async () => {
    sent.clear();
    await page.goto((await createSession(request)).url);
    await hydrated(page);
    return [...sent.values()];
  };
  const first = await visit();
  const assets = first.filter((r) => /\/pkg\//.test(r.url));
  expect(assets.map((r) => r.url.split('.').pop()).sort()).toEqual(['js', 'wasm']);
  for (const a of assets) expect(a.encoding, a.url).toMatch(/^(br|gzip)$/);
  const total = first.reduce((n, r) => n + r.bytes, 0);
  console.log(`first visit: ${first.map((r) => `${r.url.split('/').pop()} ${r.bytes}`).join(', ')}; ${total} bytes`);
  // A resource from the cache moved no bytes over the network.
  const again = await visit();
  const fetched = again.filter((r) => r.bytes > 0);
  expect(fetched.map((r) => new URL(r.url).pathname)).toEqual([expect.stringMatching(/^\/c\//)]);
});

test('the checkout page and its CSS fit in 14 KB gzipped', async ({ request }) => {
  const session = await createSession(request);
  const html = await (await request.get(session.url)).body();
  const gz = zlib.gzipSync(html, { level: 9 }).length;
  // The stylesheet is inlined, so the HTML is the page and its CSS.
  expect(html.toString()).toMatch(/<style>[^<]{1000,}<\/style>/);
  expect(html.toString()).not.toMatch(/<link[^>]+rel="stylesheet"/);
  console.log(`page weight: /c/{id} HTML+CSS ${html.length} bytes, ${gz} bytes gzip`);
  expect(gz).toBeLessThanOrEqual(14 * 1024);
  const wasm = /href="([^"]+\.wasm)"/.exec(html.toString())![1];
  const bundle = await (await request.get(wasm)).body();
  console.log(`page weight: wasm ${bundle.length} bytes, ${zlib.gzipSync(bundle, { level: 9 }).length} bytes gzip`);
});
