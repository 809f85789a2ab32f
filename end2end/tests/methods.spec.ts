import { test, expect, Page } from '@playwright/test';
import { createSession, getSession, hydrated, MERCHANT, snap, watchConsole } from './helpers';

/** What the buyer reads, per language. */
const words = {
  en: {
    cardNumberLabel: 'Card number',
    invalidNumber: 'This card number is not valid. Check it and try again.',
    declined: 'Your card was declined.',
    authFailed: 'Your bank could not confirm the payment.',
    cancelled: 'The payment was cancelled before it was finished.',
    timeout: 'Your phone did not answer the request in time.',
    confirmBank: 'Confirm with your bank',
    continueTo: 'Continue to Stripe',
    redirectHint: "You'll finish paying on the provider's page, then come back here.",
    countdown: /Time left to approve: 0:(0\d|1[0-2])/,
    emolaLabel: 'e-Mola number',
    tooMany: 'This checkout has had too many failed payments, so it takes no more.',
    sandboxCard: '3-D Secure check',
    sandboxStripe: 'Stripe test payment',
  },
  pt: {
    cardNumberLabel: 'Número do cartão',
    invalidNumber: 'Este número de cartão não é válido. Verifique-o e tente de novo.',
    declined: 'O seu cartão foi recusado.',
    authFailed: 'O seu banco não confirmou o pagamento.',
    cancelled: 'O pagamento foi cancelado antes de ser concluído.',
    timeout: 'O seu telemóvel não respondeu ao pedido a tempo.',
    confirmBank: 'Confirme com o seu banco',
    continueTo: 'Continuar para Stripe',
    redirectHint: 'Vai concluir o pagamento na página do fornecedor e depois voltar aqui.',
    countdown: /Tempo para aprovar: 0:(0\d|1[0-2])/,
    emolaLabel: 'Número e-Mola',
    tooMany: 'Este checkout teve demasiados pagamentos falhados e já não aceita mais.',
    sandboxCard: 'Verificação 3-D Secure',
    sandboxStripe: 'Pagamento de teste Stripe',
  },
} as const;
type Lang = keyof typeof words;

async function chooseMethod(page: Page, value: string) {
  await page.locator(`input[name="method"][value="${value}"]`).check();
}

async function typeCard(page: Page, number: string, { expiry = '1230', cvc = '123', name = 'Amina Machava' } = {}) {
  await chooseMethod(page, 'card');
  await page.locator('#card-number').pressSequentially(number);
  await page.locator('#card-expiry').pressSequentially(expiry);
  await page.locator('#card-cvc').fill(cvc);
  await page.locator('#card-name').fill(name);
}

for (const lang of ['en', 'pt'] as Lang[]) {
  const w = words[lang];

  test(`a card pays at once, formatted and checked as it is typed (${lang})`, async ({ page, request }) => {
    const errors = watchConsole(page);
    const session = await createSession(request, { locale: lang });
    await page.goto(session.url);
    await hydrated(page);
    await chooseMethod(page, 'card');
    await expect(page.locator('label[for="card-number"]')).toHaveText(w.cardNumberLabel);
    await expect(page.locator('#phone')).toBeHidden();
    // Live checks: a mistyped number is flagged when the buyer leaves the
    // field, and the message goes as soon as the number is right.
    await page.locator('#card-number').pressSequentially('4242424242424241');
    await page.locator('#card-expiry').focus();
    await expect(page.getByTestId('card-number-error')).toHaveText(w.invalidNumber);
    await expect(page.locator('#card-number')).toHaveAttribute('aria-invalid', 'true');
    await snap(page, `card-invalid-${lang}`);
    await page.locator('#card-number').fill('');
    await page.locator('#card-number').pressSequentially('4242424242424242');
    await expect(page.getByTestId('card-number-error')).toHaveText('');
    await expect(page.locator('#card-number')).toHaveValue('4242 4242 4242 4242');
    await expect(page.getByTestId('card-brand')).toHaveText('Visa');
    await page.locator('#card-expiry').pressSequentially('1230');
    await expect(page.locator('#card-expiry')).toHaveValue('12/30');
    await page.locator('#card-cvc').fill('123');
    await page.locator('#card-name').fill('Amina Machava');
    for (const [id, ac] of [['card-number', 'cc-number'], ['card-expiry', 'cc-exp'], ['card-cvc', 'cc-csc'], ['card-name', 'cc-name']]) {
      await expect(page.locator(`#${id}`)).toHaveAttribute('autocomplete', ac);
    }
    await expect(page.locator('#card-number')).toHaveAttribute('inputmode', 'numeric');
    await snap(page, `card-form-${lang}`);
    await page.getByTestId('pay').click();
    await page.waitForURL(`${MERCHANT}/success?session_id=${session.id}`);
    await expect(page.getByTestId('status')).toHaveText('complete/succeeded');
    expect(errors).toEqual([]);
  });

  test(`a declined card says so (${lang})`, async ({ page, request }) => {
    const session = await createSession(request, { locale: lang });
    await page.goto(session.url);
    await hydrated(page);
    await typeCard(page, '4000000000000002');
    await page.getByTestId('pay').click();
    await expect(page.getByTestId('payment-failed')).toContainText(w.declined);
    await snap(page, `card-declined-${lang}`);
    const s = await getSession(request, session.id);
    expect([s.status, s.payment_status, s.failure_code]).toEqual(['open', 'failed', 'card_declined']);
  });

  test(`after five failed payments the checkout takes no more (${lang})`, async ({ page, request }) => {
    const errors = watchConsole(page);
    const session = await createSession(request, { locale: lang });
    // Four declines from the form without JavaScript, as a card tester would.
    for (let i = 0; i < 4; i++) {
      const r = await request.post(`/c/${session.id}`, {
        form: { method: 'card', card_number: '4000000000000002', card_expiry: '12/30', card_cvc: '123', card_name: 'X' },
        maxRedirects: 0,
      });
      expect(r.status()).toBe(303);
    }
    await page.goto(session.url);
    await hydrated(page);
    await typeCard(page, '4000000000000002');
    await page.getByTestId('pay').click();
    await expect(page.getByTestId('payment-failed')).toContainText(w.declined);
    // The sixth, even with a good card: refused with a 429, and the page says why.
    await page.locator('#card-number').fill('');
    await page.locator('#card-expiry').fill('');
    await typeCard(page, '4242424242424242');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes(`/c/${session.id}`));
    await page.getByTestId('pay').click();
    expect((await answer).status()).toBe(429);
    await expect(page.getByTestId('form-error')).toContainText(w.tooMany);
    await snap(page, `too-many-failed-${lang}`);
    const s = await getSession(request, session.id);
    expect(s.payment_status).toBe('failed');
    // The browser logs the 429 itself; nothing else went wrong.
    expect(errors.filter((e) => !e.includes('429'))).toEqual([]);
  });

  test(`3-D Secure: challenge, come back unfinished, fail, then pay (${lang})`, async ({ page, request }) => {
    const session = await createSession(request, { locale: lang });
    await page.goto(session.url);
    await hydrated(page);
    await typeCard(page, '4000000000003220');
    await page.getByTestId('pay').click();
    await page.waitForURL(/\/sandbox\/pay_/);
    // The sandbox's bank page speaks the checkout's language.
    await expect(page.getByRole('heading', { name: w.sandboxCard })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await snap(page, `sandbox-3ds-${lang}`);
    // Back to the checkout without finishing: it offers to continue or switch.
    await page.goBack();
    await expect(page.getByTestId('action')).toContainText(w.confirmBank);
    await snap(page, `action-3ds-${lang}`);
    await page.getByTestId('continue').click();
    await page.getByTestId('sandbox-decline').click();
    await expect(page.getByTestId('payment-failed')).toContainText(w.authFailed);
    expect(page.url()).toBe(session.url);
    await hydrated(page);
    await typeCard(page, '4000000000003220');
    await page.getByTestId('pay').click();
    await page.getByTestId('sandbox-approve').click();
    await page.waitForURL(`${MERCHANT}/success?session_id=${session.id}`);
    const s = await getSession(request, session.id);
    expect([s.status, s.payment_status]).toEqual(['complete', 'succeeded']);
  });

  test(`a redirect method pays on the provider's page (${lang})`, async ({ page, request }) => {
    const session = await createSession(request, { locale: lang, payment_method_types: ['mpesa', 'stripe'] });
    await page.goto(session.url);
    await hydrated(page);
    await chooseMethod(page, 'stripe');
    await expect(page.getByText(w.redirectHint)).toBeVisible();
    await snap(page, `redirect-choice-${lang}`);
    await page.getByTestId('pay').click();
    await page.waitForURL(/\/sandbox\/pay_/);
    await expect(page.getByRole('heading', { name: w.sandboxStripe })).toBeVisible();
    // The buyer changes their mind on the provider's page.
    await page.getByTestId('sandbox-cancel').click();
    await expect(page.getByTestId('payment-failed')).toContainText(w.cancelled);
    await hydrated(page);
    await chooseMethod(page, 'stripe');
    await page.getByTestId('pay').click();
    await page.getByTestId('sandbox-approve').click();
    await page.waitForURL(`${MERCHANT}/success?session_id=${session.id}`);
  });

  test(`an unanswered push times out, counting down, and can be sent again (${lang})`, async ({ page, request }) => {
    const session = await createSession(request, { locale: lang });
    await page.goto(session.url);
    await hydrated(page);
    await chooseMethod(page, 'emola');
    await expect(page.locator('label[for="phone"]')).toHaveText(w.emolaLabel);
    await chooseMethod(page, 'mpesa');
    await page.locator('#phone').fill('84 000 0002');
    await page.getByTestId('pay').click();
    await expect(page.getByTestId('countdown')).toHaveText(w.countdown);
    await snap(page, `pending-countdown-${lang}`);
    await expect(page.getByTestId('payment-failed')).toContainText(w.timeout, { timeout: 15_000 });
    await expect(page.locator('#phone')).toHaveValue('+258 84 000 0002');
    await snap(page, `timeout-${lang}`);
    await page.locator('#phone').fill('84 000 0000');
    await page.getByTestId('pay').click();
    await page.waitForURL(`${MERCHANT}/success?session_id=${session.id}`);
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a card pays with a plain form post; the chosen method shows its fields', async ({ page, request }) => {
    const session = await createSession(request);
    await page.goto(session.url);
    await expect(page.locator('#card-number')).toBeHidden();
    await typeCard(page, '4242 4242 4242 4242', { expiry: '12/30' });
    await expect(page.locator('#phone')).toBeHidden();
    await snap(page, 'card-form-nojs-en');
    await page.getByTestId('pay').click();
    await page.waitForURL(`${MERCHANT}/success?session_id=${session.id}`);
    await expect(page.getByTestId('status')).toHaveText('complete/succeeded');
  });

  test('3-D Secure and redirect methods go straight to the bank or provider', async ({ page, request }) => {
    const session = await createSession(request, { payment_method_types: ['card', 'flutterwave'] });
    await page.goto(session.url);
    await typeCard(page, '4000 0000 0000 3220', { expiry: '12/30' });
    await page.getByTestId('pay').click();
    await page.waitForURL(/\/sandbox\/pay_/);
    await page.getByTestId('sandbox-cancel').click();
    await expect(page.getByTestId('payment-failed')).toContainText(words.en.cancelled);
    await chooseMethod(page, 'flutterwave');
    await page.getByTestId('pay').click();
    await expect(page.getByRole('heading', { name: 'Flutterwave test payment' })).toBeVisible();
    await page.getByTestId('sandbox-approve').click();
    await page.waitForURL(`${MERCHANT}/success?session_id=${session.id}`);
  });

  test('a timed-out push shows itself after the page refreshes', async ({ page, request }) => {
    const session = await createSession(request, { locale: 'pt' });
    await page.goto(session.url);
    await page.locator('#phone').fill('84 000 0002');
    await page.getByTestId('pay').click();
    await expect(page.getByTestId('pending')).toBeVisible();
    await expect(page.getByTestId('payment-failed')).toContainText(words.pt.timeout, { timeout: 20_000 });
  });

  test('leaving a challenge for another method', async ({ page, request }) => {
    const session = await createSession(request);
    await page.goto(session.url);
    await typeCard(page, '4000 0000 0000 3220', { expiry: '12/30' });
    await page.getByTestId('pay').click();
    await page.waitForURL(/\/sandbox\/pay_/);
    await page.goto(session.url);
    await page.getByTestId('abandon').click();
    await expect(page.getByTestId('payment-failed')).toContainText(words.en.cancelled);
    await chooseMethod(page, 'mpesa');
    await page.locator('#phone').fill('84 000 0000');
    await page.getByTestId('pay').click();
    await page.waitForURL(`${MERCHANT}/success?session_id=${session.id}`, { timeout: 20_000 });
  });
});
