import { test, expect, APIRequestContext } from '@playwright/test';
import { auth, axe, getSession, hydrated, snap, watchConsole } from './helpers';

// Payment links: a merchant makes one over the API; a buyer opens its
// short URL in their own browser and pays the fresh checkout it opens.

async function makeLink(request: APIRequestContext, body: Record<string, unknown>) {
  const res = await request.post('/v1/payment_links', { headers: auth, data: { currency: 'MZN', ...body } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as { id: string; url: string; payments: number };
}

const words = {
  en: { title: 'How much do you want to pay?', invalid: 'Enter an amount between', closed: 'This payment link is closed' },
  pt: { title: 'Quanto quer pagar?', invalid: 'Indique um valor entre', closed: 'Este link de pagamento está fechado' },
} as const;

test('a buyer opens a shared link in their own browser and pays it', async ({ browser, request }) => {
  const link = await makeLink(request, { amount: 25000, description: 'Capulana', single_use: true });
  expect(new URL(link.url).pathname).toBe(`/l/${link.id}`);
  // The buyer: another browser context, no cookies of the merchant's.
  const buyer = await (await browser.newContext()).newPage();
  const errors = watchConsole(buyer);
  await buyer.goto(`/l/${link.id}`);
  await expect(buyer).toHaveURL(/\/c\/cs_/);
  await hydrated(buyer);
  await expect(buyer.locator('.amount')).toHaveText('MZN\u00a0250.00');
  await buyer.locator('#phone').fill('84 000 0000');
  await buyer.getByTestId('pay').click();
  await expect(buyer.getByTestId('receipt')).toBeVisible();
  const session = await getSession(request, buyer.url().split('/c/')[1].split('?')[0]);
  expect([session.payment_link, session.payment_status]).toEqual([link.id, 'succeeded']);
  const again = await request.get(`/v1/payment_links/${link.id}`, { headers: auth });
  expect((await again.json()).payments).toBe(1);
  // Single use: the next visitor finds it closed.
  const res = await buyer.goto(`/l/${link.id}`);
  expect(res?.status()).toBe(410);
  await expect(buyer.locator('h1')).toHaveText(words.en.closed);
  // The browser logs the 410 itself; nothing else went wrong.
  expect(errors.filter((e) => !e.includes('410'))).toEqual([]);
});

test('the amount page and a closed link pass axe-core', async ({ page, request }) => {
  const link = await makeLink(request, { custom_amount_min: 10000, custom_amount_max: 500000 });
  await page.goto(`/l/${link.id}`);
  await axe(page, 'link-amount');
  await page.locator('#amount').fill('1');
  await page.getByTestId('link-continue').click();
  await expect(page.locator('#amount-error')).toBeVisible();
  await expect(page.locator('#amount'), 'what the buyer typed stays, to correct').toHaveValue('1');
  await axe(page, 'link-amount-error');
  await request.post(`/v1/payment_links/${link.id}`, { headers: auth, data: { active: false } });
  await page.goto(`/l/${link.id}`);
  await axe(page, 'link-closed');
});

for (const lang of ['en', 'pt'] as const) {
  const w = words[lang];
  test.describe(`buyer-chosen amount, without JavaScript (${lang})`, () => {
    test.use({ javaScriptEnabled: false, locale: lang === 'pt' ? 'pt-MZ' : 'en-US' });

    test(`asks the amount, refuses one out of range, then opens the checkout (${lang})`, async ({ page, request }) => {
      const link = await makeLink(request, { custom_amount_min: 10000, custom_amount_max: 500000, description: 'Donation for the school roof' });
      await page.goto(`/l/${link.id}`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.locator('h1')).toHaveText(w.title);
      await snap(page, `link-amount-${lang}`);
      await page.locator('#amount').fill('5');
      await page.getByTestId('link-continue').click();
      await expect(page.locator('#amount-error')).toContainText(w.invalid);
      await expect(page.locator('#amount')).toHaveAttribute('aria-invalid', 'true');
      await snap(page, `link-amount-error-${lang}`);
      await page.locator('#amount').fill('250');
      await page.getByTestId('link-continue').click();
      await expect(page).toHaveURL(/\/c\/cs_/);
      await expect(page.locator('.amount')).toContainText(lang === 'pt' ? '250,00' : '250.00');
      const off = await request.post(`/v1/payment_links/${link.id}`, { headers: auth, data: { active: false } });
      expect(off.status()).toBe(200);
      await page.goto(`/l/${link.id}`);
      await expect(page.locator('h1')).toHaveText(w.closed);
      await snap(page, `link-closed-${lang}`);
    });
  });
}
