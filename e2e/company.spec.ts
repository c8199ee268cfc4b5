import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, field, signIn } from './support';

/**
 * Company staff (Meccanica Lariana, the demo company) edit their profile and make a pledge from "La mia
 * azienda"; the regional coordinator sees the pledge on the board. Two sign-ins, one browser session each.
 * The profile is put back as it was (other journeys rank the demo company by its sites); the pledge uses a
 * priority target no other journey counts.
 */
const COMPANY = 'azienda@demo.trama.it';
const REGIONAL = 'regione@demo.trama.it';
const NOTE = 'Impegno del percorso e2e: donne che rientrano nel lavoro';

async function settled(page: Page) {
  await expect(page.getByText('Caricamento in corso…')).toHaveCount(0);
}

test('company staff edit the profile and pledge job offers; the coordinator sees the pledge', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const company = await (await browser.newContext()).newPage();
  await signIn(company, COMPANY);
  await company.getByRole('link', { name: 'La mia azienda' }).first().click();
  await expect(company.getByRole('heading', { level: 1, name: /Meccanica Lariana/ })).toBeVisible();
  await settled(company);

  // 1. The profile: sector and a new site, saved and shown; then put back as it was.
  const profile = company.getByRole('region', { name: 'Profilo' });
  const sectorBefore = (await profile.locator('dt:text-is("Settore") + dd').textContent())?.trim() ?? '';
  await company.getByRole('button', { name: 'Modifica il profilo' }).click();
  const form = company.getByTestId('company-profile-form');
  await expect(field(company, 'Settore')).toHaveValue(sectorBefore);
  await field(company, 'Settore').fill('');
  await field(company, 'Settore').fill('Meccanica di precisione e automazione');
  const site = company.getByRole('combobox', { name: 'Aggiungi una sede operativa (comune)', exact: true });
  await site.fill('Bergamo');
  await company
    .getByRole('listbox', { name: 'Aggiungi una sede operativa (comune)' })
    .getByRole('option', { name: /^Bergamo \(BG\)/ })
    .first()
    .click();
  await expect(form.getByTestId('company-sites')).toContainText('Bergamo');
  await expectAccessible(company, 'company profile form');
  await form.getByRole('button', { name: 'Salva il profilo' }).click();
  // The confirmation takes the focus (its live region).
  await expect(company.locator(':focus')).toContainText('Profilo dell’azienda salvato.');
  await expect(profile).toContainText('Meccanica di precisione e automazione');
  await expect(profile).toContainText('Bergamo');

  await company.getByRole('button', { name: 'Modifica il profilo' }).click();
  await field(company, 'Settore').fill(sectorBefore);
  await form.getByRole('button', { name: 'Togli Bergamo' }).click();
  await form.getByRole('button', { name: 'Salva il profilo' }).click();
  await expect(company.getByTestId('company-profile-saved')).toBeVisible();
  await expect(profile).not.toContainText('Bergamo');

  // 2. A pledge: errors next to the fields, then recorded and listed.
  const pledgeForm = company.getByTestId('pledge-form');
  await pledgeForm.getByRole('button', { name: 'Registra l’impegno' }).click();
  await expect(company.getByTestId('error-summary')).toBeFocused();
  await expect(company.getByTestId('offers-error')).toHaveText('Campo obbligatorio.');
  await expect(field(company, 'Posti offerti')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(company, 'pledge form with errors');

  await company.getByRole('combobox', { name: 'Target prioritario' }).selectOption('woman_returning');
  await field(company, 'Posti offerti').fill('3');
  await company.getByLabel('Inizio del periodo').fill('2026-03-01');
  await company.getByLabel('Fine del periodo').fill('2026-01-31');
  await field(company, 'Note').fill(NOTE);
  await pledgeForm.getByRole('button', { name: 'Registra l’impegno' }).click();
  await expect(company.getByTestId('periodTo-error')).toHaveText(
    'La fine del periodo non può precedere l’inizio.',
  );
  await company.getByLabel('Fine del periodo').fill('2026-12-31');
  await pledgeForm.getByRole('button', { name: 'Registra l’impegno' }).click();
  await expect(company.getByTestId('pledge-created')).toBeVisible();
  await expect(company.getByTestId('error-summary')).toHaveCount(0);
  const mine = company.getByTestId('pledge').filter({ hasText: NOTE });
  await expect(mine).toHaveCount(1);
  await expect(mine.getByTestId('pledge-progress')).toContainText('su 3 posti promessi');
  await expect(field(company, 'Posti offerti')).toHaveValue('');
  await expectAccessible(company, 'my company after the pledge');

  // 3. The coordinator's board shows it.
  const regional = await (await browser.newContext()).newPage();
  await signIn(regional, REGIONAL);
  await regional.goto('/pledges?priorityTarget=woman_returning');
  await expect(regional.getByRole('heading', { level: 1, name: 'Impegni delle aziende' })).toBeVisible();
  const card = regional.getByTestId('pledge').filter({ hasText: NOTE });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Meccanica Lariana');
  await expect(card).toContainText('Donna che rientra nel lavoro');
});
