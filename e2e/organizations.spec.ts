import { expect, test, type Page } from '@playwright/test';
import { DEMO, field, signIn } from './support';

/** A partita IVA with a valid check digit, different on every run (the registry rejects duplicates). */
function vatNumber(): string {
  const base = String(Date.now() % 1e10).padStart(10, '0');
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(base[i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return base + String((10 - (sum % 10)) % 10);
}

/** Types into a type-ahead picker and picks the option whose text matches. */
async function pick(page: Page, label: string, typed: string, option: RegExp) {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.fill(typed);
  const listbox = page.getByRole('listbox', { name: label, exact: true });
  await listbox.getByRole('option', { name: option }).first().click();
  await expect(box).toHaveValue(option);
}

test('an administrator registers an organisation with an office, using the place and ATECO pickers', async ({
  page,
}) => {
  const name = `Cooperativa Orizzonti ${Date.now().toString(36)}`;
  const fiscalCode = vatNumber();

  await signIn(page, DEMO.admin);
  await page.getByRole('link', { name: 'Organizzazioni' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Organizzazioni' })).toBeVisible();
  await page.getByRole('link', { name: 'Nuova organizzazione' }).click();
  await expect(page).toHaveURL(/\/organizations\/new$/);

  await page
    .getByRole('combobox', { name: 'Tipo di organizzazione', exact: true })
    .selectOption('accredited_operator');
  await field(page, 'Denominazione').fill(name);
  await field(page, 'Codice fiscale').fill(fiscalCode);
  await field(page, 'Partita IVA').fill(fiscalCode);
  await pick(page, 'Attività economica (ATECO)', 'programmazione informatica', /^62\.10\.00/);
  await pick(page, 'Comune della sede legale', 'Bergam', /^Bergamo \(BG\)/);
  await field(page, 'Indirizzo della sede legale').fill('Via Tasso 8');
  await field(page, 'CAP').fill('24121');

  // bootstrap-italia draws the checkbox with its label on top of the input: click the label, as a user does.
  await page.getByText('Registra anche una sede operativa', { exact: true }).click();
  await expect(page.getByRole('checkbox', { name: 'Registra anche una sede operativa' })).toBeChecked();
  await field(page, 'Nome della sede').fill('Sede di Brescia');
  await pick(page, 'Comune della sede', 'Bresc', /^Brescia \(BS\)/);
  await field(page, 'Indirizzo della sede').fill('Corso Zanardelli 3');

  await page.getByRole('button', { name: 'Registra organizzazione' }).click();

  await expect(page).toHaveURL(/\/organizations\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Organizzazione registrata.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('Sede di Brescia')).toBeVisible();

  // What was stored, through the API the page uses (same session cookie).
  const id = page.url().split('/').pop()!;
  const org = await (await page.request.get(`/api/organizations/${id}`)).json();
  expect(org).toMatchObject({ name, fiscalCode, atecoCode: '62.10.00', type: 'accredited_operator' });
  expect(JSON.stringify(org)).toContain('016024'); // Bergamo's ISTAT code
  const offices = await (await page.request.get(`/api/organizations/${id}/offices`)).json();
  expect(offices.items).toEqual([
    expect.objectContaining({ name: 'Sede di Brescia', address: 'Corso Zanardelli 3' }),
  ]);
  expect(JSON.stringify(offices.items[0])).toContain('017029'); // Brescia

  // The new organisation is found by the registry's search.
  await page.goto('/organizations');
  await page.getByRole('searchbox', { name: 'Cerca' }).fill(name);
  await expect(page.getByRole('link', { name })).toBeVisible();
});
