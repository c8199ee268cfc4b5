import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, field, signIn } from './support';

/**
 * Company staff (Meccanica Lariana, the demo company) edit a pledge's offers and then withdraw it with a
 * reason from "La mia azienda"; the network coordinator sees it on the board marked as withdrawn, with the
 * reason, and the totals stop counting it. The pledges use a priority target no other journey counts.
 */
const COMPANY = 'azienda@demo.trama.it';
const COORDINATOR = 'rete@demo.trama.it';
const TARGET = 'long_term_unemployed';
const NOTE = 'Impegno e2e da modificare e ritirare: disoccupati di lunga durata';
const KEPT = 'Impegno e2e che resta attivo: disoccupati di lunga durata';
const REASON = 'La commessa che giustificava le assunzioni è stata annullata.';

async function settled(page: Page) {
  await expect(page.getByText('Caricamento in corso…')).toHaveCount(0);
}

/** An ISO date `days` from today (a period around today: the pledge is active and has not ended). */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('company staff edit and withdraw a pledge; the coordinator sees it withdrawn and out of the totals', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const company = await (await browser.newContext()).newPage();
  await signIn(company, COMPANY);

  // Two pledges for the same target, through the API the pages use: one is withdrawn, one stays.
  for (const [offers, note] of [
    [4, NOTE],
    [2, KEPT],
  ] as const) {
    const created = await company.request.post('/api/pledges', {
      data: { priorityTarget: TARGET, offers, periodFrom: day(-10), periodTo: day(170), note },
    });
    expect(created.status(), await created.text()).toBe(201);
  }

  await company.getByRole('link', { name: 'La mia azienda' }).first().click();
  await expect(company.getByRole('heading', { level: 1, name: /Meccanica Lariana/ })).toBeVisible();
  await settled(company);
  const card = company.getByTestId('pledge').filter({ hasText: NOTE });
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('pledge-status')).toHaveText('Attivo');
  await expect(card.getByTestId('pledge-progress')).toContainText('su 4 posti promessi');

  // 1. Edit: the form opens on the saved data and takes the focus; a blank count is refused next to the
  // field; the new count is saved and shown.
  const editButton = card.getByRole('button', { name: 'Modifica l’impegno' });
  await expect(editButton).toHaveAccessibleDescription(/Disoccupato\/a di lunga durata/);
  await editButton.click();
  const editForm = company.getByTestId('pledge-edit-form');
  await expect(editForm.getByRole('heading', { name: 'Modifica l’impegno' })).toBeFocused();
  // The form for a new pledge waits while this one is edited (its fields would have the same names).
  await expect(company.getByTestId('pledge-form')).toHaveCount(0);
  await expect(field(company, 'Posti offerti')).toHaveValue('4');
  await expect(field(company, 'Note')).toHaveValue(NOTE);
  await expect(company.getByRole('combobox', { name: 'Target prioritario' })).toHaveValue(TARGET);
  await field(company, 'Posti offerti').fill('');
  await editForm.getByRole('button', { name: 'Salva le modifiche' }).click();
  await expect(company.getByTestId('error-summary')).toBeFocused();
  await expect(company.getByTestId('offers-error')).toHaveText('Campo obbligatorio.');
  await expect(field(company, 'Posti offerti')).toHaveAttribute('aria-invalid', 'true');
  await expect(field(company, 'Posti offerti')).toHaveAccessibleDescription(/Campo obbligatorio\./);
  await expectAccessible(company, 'pledge edit form with errors');
  await field(company, 'Posti offerti').fill('6');
  await expectAccessible(company, 'pledge edit form');
  await editForm.getByRole('button', { name: 'Salva le modifiche' }).click();
  await expect(company.getByTestId('pledge-done')).toHaveText(
    'Impegno aggiornato: la bacheca mostra già i nuovi dati.',
  );
  await expect(company.locator(':focus')).toContainText('Impegno aggiornato');
  await expect(editForm).toHaveCount(0);
  await expect(card.getByTestId('pledge-progress')).toContainText('su 6 posti promessi');
  await expect(card.getByTestId('pledge-status')).toHaveText('Attivo');

  // 2. The coordinator's board counts both pledges, with the new figure.
  const coordinator = await (await browser.newContext()).newPage();
  await signIn(coordinator, COORDINATOR);
  await coordinator.goto(`/pledges?priorityTarget=${TARGET}`);
  await expect(coordinator.getByRole('heading', { level: 1, name: 'Impegni delle aziende' })).toBeVisible();
  await settled(coordinator);
  const total = coordinator.getByTestId('pledges-total');
  await expect(total).toHaveText(/^2 impegni: \d+ assunzioni su 8 posti$/);

  // 3. Withdraw: cancelling gives the focus back to the button; an empty reason is refused with an
  // accessible inline error; then the pledge is withdrawn, stays listed, marked as such.
  const withdrawButton = card.getByRole('button', { name: 'Ritira l’impegno' });
  await withdrawButton.click();
  const withdrawForm = company.getByTestId('pledge-withdraw-form');
  await expect(withdrawForm.getByRole('heading', { name: 'Ritira l’impegno' })).toBeFocused();
  await withdrawForm.getByRole('button', { name: 'Annulla' }).click();
  await expect(withdrawForm).toHaveCount(0);
  await expect(withdrawButton).toBeFocused();

  await withdrawButton.click();
  const reason = company.getByRole('textbox', { name: 'Motivo del ritiro', exact: true });
  await expect(reason).toHaveAttribute('aria-required', 'true');
  await reason.fill('   ');
  await withdrawForm.getByRole('button', { name: 'Ritira l’impegno' }).click();
  await expect(company.getByTestId('error-summary')).toBeFocused();
  await expect(company.getByTestId('error-summary')).toContainText('Motivo del ritiro');
  await expect(company.getByTestId('reason-error')).toHaveText('Campo obbligatorio.');
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription(/Campo obbligatorio\./);
  await expectAccessible(company, 'pledge withdrawal form with errors');
  // The summary's link leads to the field.
  await company.getByTestId('error-summary').getByRole('link', { name: 'Motivo del ritiro' }).click();
  await expect(reason).toBeFocused();
  await reason.fill(REASON);
  await withdrawForm.getByRole('button', { name: 'Ritira l’impegno' }).click();
  await expect(company.getByTestId('pledge-done')).toHaveText(
    'Impegno ritirato: resta in elenco, segnato come ritirato.',
  );
  await expect(company.locator(':focus')).toContainText('Impegno ritirato');
  await expect(withdrawForm).toHaveCount(0);
  await expect(card.getByTestId('pledge-status')).toHaveText('Ritirato');
  await expect(card.getByTestId('pledge-withdrawal')).toContainText(`Motivo: ${REASON}`);
  // A withdrawn pledge cannot be changed any more; the other one can, and a new pledge can be made.
  await expect(card.getByRole('button')).toHaveCount(0);
  await expect(
    company.getByTestId('pledge').filter({ hasText: KEPT }).getByRole('button', { name: 'Ritira l’impegno' }),
  ).toBeVisible();
  await expect(company.getByTestId('pledge-form')).toBeVisible();
  await expectAccessible(company, 'my company after the withdrawal');

  // 4. The coordinator sees it withdrawn, with the reason, and the totals count only the other pledge.
  await coordinator.reload();
  await settled(coordinator);
  const board = coordinator.getByTestId('pledge').filter({ hasText: NOTE });
  await expect(board).toHaveCount(1);
  await expect(board.getByTestId('pledge-status')).toHaveText('Ritirato');
  await expect(board).toHaveAttribute('data-status', 'withdrawn');
  await expect(board.getByTestId('pledge-withdrawal')).toContainText(`Motivo: ${REASON}`);
  await expect(board.getByTestId('pledge-progress')).toContainText('su 6 posti promessi');
  await expect(
    coordinator.getByTestId('pledge').filter({ hasText: KEPT }).getByTestId('pledge-status'),
  ).toHaveText('Attivo');
  await expect(total).toHaveText(
    /^1 impegno: \d+ assunzioni su 2 posti \(1 impegno ritirato, non conteggiato\.\)$/,
  );
  await expectAccessible(coordinator, 'pledges board with a withdrawn pledge');
});
