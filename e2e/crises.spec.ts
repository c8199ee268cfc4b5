import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, field, signIn } from './support';

/**
 * Collective re-employment: the case worker of the coordinating job centre (CPI Milano) opens the demo
 * crisis, sees the cohort, the group actions, the target companies and the outcome against the
 * programme threshold, and downloads the anonymised profile for companies as PDF. One sign-in (the login
 * rate limit is per IP).
 */
const CRISIS = 'Chiusura del reparto di Sesto San Giovanni';

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name, exact: true }).click();
  await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('Caricamento in corso…')).toHaveCount(0);
}

test('the coordinator follows the demo crisis: cohort, actions, target companies, outcome, marketing PDF', async ({
  page,
}) => {
  await signIn(page, 'cpi.milano@demo.trama.it');
  await page.getByRole('link', { name: 'Crisi aziendali', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Crisi aziendali' })).toBeVisible();
  await page.getByRole('link', { name: CRISIS }).click();
  await expect(page.getByRole('heading', { level: 1, name: CRISIS })).toBeVisible();
  await expect(page.getByTestId('crisis-details')).toContainText('Meccanica Lariana S.p.A.');
  await expect(page.getByTestId('crisis-details')).toContainText('FIOM-CGIL');
  await expectAccessible(page, 'crisis details');

  await openTab(page, 'Coorte');
  const cohort = page.getByTestId('cohort-table');
  await expect(cohort).toBeVisible();
  expect(await cohort.locator('tbody tr').count()).toBeGreaterThanOrEqual(5);
  await expect(cohort).toContainText('Marino Laura');
  await expect(page.getByTestId('cohort-total')).toContainText('lavoratori nella coorte');
  await expectAccessible(page, 'crisis cohort');

  await openTab(page, 'Azioni di gruppo');
  await expect(page.getByTestId('group-action')).toHaveCount(2);
  await expect(
    page.getByRole('heading', { level: 3, name: /Laboratorio di outplacement e ricerca attiva/ }),
  ).toBeVisible();
  await expectAccessible(page, 'crisis group actions');

  await openTab(page, 'Aziende target');
  const targets = page.getByTestId('target-companies');
  await expect(targets.getByRole('listitem').first()).toBeVisible();
  await expect(targets.getByRole('listitem').first()).toContainText('punteggio');
  await expect(targets.getByRole('listitem').first()).toContainText('a portata');

  await openTab(page, 'Risultato');
  await expect(page.getByTestId('crisis-outcome')).toContainText('Partecipanti attivi');
  await expect(page.getByTestId('outcome-verdict')).toContainText('Soglia del 50%');
  await expectAccessible(page, 'crisis outcome');

  await openTab(page, 'Marketing territoriale');
  await expect(page.getByTestId('marketing-cohort')).toBeVisible();
  // Anonymised: no names of the cohort on the page meant for companies.
  await expect(page.getByRole('tabpanel')).not.toContainText('Marino');
  await expectAccessible(page, 'crisis territorial marketing');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('marketing-pdf').click(),
  ]);
  expect(download.suggestedFilename()).toBe('profilo-coorte.pdf');
  const file = await download.path();
  expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');

  // Editing the crisis with optimistic locking: a second tab saves first, this one is told of the conflict.
  await openTab(page, 'Dettagli');
  const edit = 'Modifica i dati e l’accordo';
  const other = await page.context().newPage();
  await other.goto(page.url());
  await other.getByRole('button', { name: edit }).click();
  await page.getByRole('button', { name: edit }).click();
  await expect(field(page, 'Lavoratori coinvolti')).toBeVisible();
  await expectAccessible(page, 'crisis edit form');
  await field(other, 'Note sull’accordo').fill('Verbale integrativo firmato in Regione.');
  await other.getByRole('button', { name: 'Salva le modifiche' }).click();
  await expect(other.getByTestId('crisis-saved')).toBeVisible();
  await other.close();
  await page.bringToFront();
  const workers = await field(page, 'Lavoratori coinvolti').inputValue();
  await field(page, 'Lavoratori coinvolti').fill(String(Number(workers) + 1));
  await page.getByRole('button', { name: 'Salva le modifiche' }).click();
  await expect(page.getByTestId('crisis-edit-error')).toContainText('modificata da qualcun altro');
  await page.getByRole('button', { name: 'Ricarica i dati aggiornati' }).click();
  await expect(field(page, 'Note sull’accordo')).toHaveValue('Verbale integrativo firmato in Regione.');
  await expect(page.getByTestId('crisis-edit-error')).toHaveCount(0);
  await field(page, 'Lavoratori coinvolti').fill(String(Number(workers) + 1));
  await page.getByRole('button', { name: 'Salva le modifiche' }).click();
  await expect(page.locator(':focus')).toContainText('Modifiche alla crisi salvate.');
  await expect(page.getByTestId('crisis-details')).toContainText(String(Number(workers) + 1));
  await expect(page.getByTestId('crisis-details')).toContainText('Verbale integrativo firmato in Regione.');

  // The form to open a crisis: errors listed and linked to their fields, accessible.
  await page.goto('/crises/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Nuova crisi aziendale' })).toBeVisible();
  await page.getByRole('button', { name: 'Apri la crisi' }).click();
  await expect(page.getByTestId('error-summary')).toBeFocused();
  await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
  await expectAccessible(page, 'new crisis form with errors');
});
