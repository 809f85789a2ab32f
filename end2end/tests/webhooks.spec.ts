import { test, expect } from '@playwright/test';
import { auth, createSession, MERCHANT, snap } from './helpers';
import { WEBHOOK_SECRET } from '../playwright.config';

// A buyer pays in Chromium; the merchant's server hears it by signed
// webhook and checks the signature itself (the Node verifier in
// merchant.mjs is the one the README offers; the demo shop uses Lipa's).

type Hook = { id: string; type: string; session: string | null; verified: boolean; duplicate: boolean };

test('a browser payment reaches the merchant as signed webhooks, each id processed once', async ({ page, request }) => {
  const product = await request.post('/v1/products', {
    headers: auth,
    data: {
      name: 'Webhooks',
      main_currency: 'MZN',
      webhook_url: `${MERCHANT}/webhooks`,
      webhook_secret: WEBHOOK_SECRET,
    },
  });
  expect(product.status(), await product.text()).toBe(200);
  const session = await createSession(request, {
    product: (await product.json()).id,
    client_reference_id: 'order-1042',
  });
  await page.goto(`/c/${session.id}`);
  await page.locator('input[name=method][value=mpesa]').check();
  await page.locator('#phone').fill('84 000 0000');
  await page.getByTestId('pay').click();
  // Paid: back at the merchant, whose page asks Lipa for the truth.
  await expect(page.getByTestId('status')).toHaveText('complete/succeeded');

  const hooks = async () =>
    (await (await request.get(`${MERCHANT}/webhooks?session=${session.id}`)).json()) as Hook[];
  await expect
    .poll(async () => (await hooks()).map((h) => `${h.type}:${h.verified}`).sort())
    .toEqual(['checkout.session.completed:true', 'payment.succeeded:true']);

  // A redelivery carries the same webhook-id: the merchant sees a duplicate.
  const completed = (await hooks()).find((h) => h.type === 'checkout.session.completed')!;
  const again = await request.post(`/v1/events/${completed.id}/redeliver`, { headers: auth });
  expect(again.status(), await again.text()).toBe(200);
  const log = await hooks();
  expect(log).toHaveLength(3);
  expect(log[2]).toMatchObject({ id: completed.id, verified: true, duplicate: true });

  // Lipa's delivery log shows each attempt and the receiver's answer.
  const attempts = await (await request.get(`/v1/events/${completed.id}/attempts`, { headers: auth })).json();
  expect(attempts.data.map((a: { status_code: number; trigger: string }) => `${a.trigger}:${a.status_code}`)).toEqual([
    'schedule:204',
    'redeliver:204',
  ]);
});

test('the demo shop verifies the webhooks of a modal payment and shows them', async ({ page }) => {
  await page.goto('http://127.0.0.1:4200');
  await page.getByRole('button', { name: 'Pay in a window' }).click();
  const frame = page.frameLocator('[data-lipa="overlay"] iframe');
  await expect(frame.locator('#phone')).toHaveValue('+258 84 000 0000');
  await frame.getByTestId('pay').click();
  await expect(page.locator('#result')).toHaveText('Paid, verified by the shop: complete/succeeded');
  // Delivery order is not promised; both arrive, both verified.
  await expect
    .poll(async () => (await page.locator('#hooks li').allTextContents()).sort())
    .toEqual([
      'checkout.session.completed: signature verified',
      'payment.succeeded: signature verified',
    ]);
  await snap(page, 'webhooks-demo-shop');
});
