import { expect, test, type Page } from '@playwright/test';
import { personFiscalCodeCheckChar } from '../packages/contracts/src/fiscal';
import { DEMO, expectAccessible, signIn } from './support';

const letters = (n: number) =>
  Array.from({ length: n }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('');

/** A valid fiscal code, different on every run: born on `day` March 19`yy` in Milan (F205). */
function fiscalCode(yy: number, day: number, female: boolean): string {
  const first15 = `${letters(6)}${yy}C${String(female ? day + 40 : day).padStart(2, '0')}F205`;
  return first15 + personFiscalCodeCheckChar(first15);
}

const HEADER =
  'codice_fiscale;cognome;nome;email;comune_residenza;titolo_studio_eqf;condizione_occupazionale;data_did;fonte_did;patenti;target_prioritari';

/** Waits until nothing is loading, then runs axe (no serious or critical violation). */
async function settledAndAccessible(page: Page, name: string) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Caricamento in corso…')).toHaveCount(0);
  await expectAccessible(page, name);
}

const csv = (name: string, lines: string[]) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(`${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8'),
});

// One sign-in for the whole journey (the login is rate-limited per IP).
test('a case worker checks a CSV of people, sees the row errors, fixes the file and imports it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // A surname of its own on every run, to find the imported people afterwards.
  const surname = `Caricati${letters(4).toLowerCase()}`;
  const people = [
    { cf: fiscalCode(85, 12, true), first: 'Giulia' },
    { cf: fiscalCode(79, 3, false), first: 'Marco' },
    { cf: fiscalCode(92, 27, true), first: 'Sara' },
  ];
  const row = (p: (typeof people)[number], email: string) =>
    `${p.cf};${surname};${p.first};${email};015146;4;disoccupato;15/01/2025;cpi;B;donna_rientro`;
  const withError = csv('persone.csv', [
    row(people[0]!, 'giulia@example.it'),
    row(people[1]!, 'marco-at-example.it'), // line 3: not an e-mail address
    row(people[2]!, 'sara@example.it'),
  ]);
  const fixed = csv('persone-corrette.csv', [
    row(people[0]!, 'giulia@example.it'),
    row(people[1]!, 'marco@example.it'),
    row(people[2]!, 'sara@example.it'),
  ]);

  await signIn(page, DEMO.operator);
  await page.goto('/people');
  await page.getByRole('link', { name: 'Importa persone' }).click();
  await expect(page).toHaveURL(/\/people\/import$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Importa persone' })).toBeVisible();

  // The help: accepted formats and size in the field's description, the column layout, the template.
  const file = page.getByLabel('File da importare (CSV o XLSX)');
  await expect(file).toHaveAccessibleDescription(/CSV.*XLSX.*200 MB/);
  await page.getByText('Colonne del file e regole').click();
  const layout = page.getByTestId('import-layout');
  await expect(layout.getByRole('table')).toContainText('codice_fiscale');
  await expect(layout.getByRole('table')).toContainText('condizione_occupazionale');
  const template = page.getByRole('link', { name: /Scarica un modello CSV/ });
  await expect(template).toHaveAttribute('href', /^data:text\/csv/);
  expect(decodeURIComponent((await template.getAttribute('href'))!)).toContain(
    'codice_fiscale;cognome;nome;',
  );
  await settledAndAccessible(page, 'people import');

  // A file that is neither CSV nor XLSX is refused before any upload, next to the field.
  await file.setInputFiles({ name: 'persone.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
  await page.getByRole('button', { name: 'Avvia', exact: true }).click();
  await expect(page.getByTestId('import-file-error')).toHaveText(/CSV \(\.csv\).*\.xlsx/);
  await expect(file).toHaveAttribute('aria-invalid', 'true');

  // A header with a typo: the whole file fails on line 1, and says why.
  await file.setInputFiles({
    name: 'intestazione.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `${HEADER.replace(';cognome;', ';cognom;')}\r\n${row(people[0]!, 'a@example.it')}\r\n`,
    ),
  });
  await page.getByRole('button', { name: 'Avvia', exact: true }).click();
  const status = page.getByTestId('import-status');
  await expect(status).toHaveText(
    'Il file non è stato importato: l’intestazione non è valida (vedi gli errori della riga 1).',
    { timeout: 20_000 },
  );
  const headerErrors = page.getByTestId('import-errors').locator('tbody tr');
  await expect(headerErrors).toHaveCount(2);
  await expect(headerErrors.nth(0)).toContainText('cognom');
  await expect(headerErrors.nth(0)).toContainText('unknown_column');
  await expect(headerErrors.nth(1)).toContainText('missing_column');

  // 1. Dry run (checked by default) of a file with an error: reported with its line and column.
  const dryRun = page.getByRole('checkbox', { name: 'Solo verifica (dry run)' });
  await expect(dryRun).toBeChecked();
  await file.setInputFiles(withError);
  await expect(page.getByTestId('import-file-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Avvia', exact: true }).click();
  await expect(status).toHaveText('Verifica completata: 1 errore. Correggi il file e riprova.', {
    timeout: 20_000,
  });
  const errors = page.getByTestId('import-errors');
  await expect(errors.locator('tbody tr')).toHaveCount(1);
  const cells = errors.locator('tbody tr').first().locator('th, td');
  await expect(cells.nth(0)).toHaveText('3');
  await expect(cells.nth(1)).toHaveText('email');
  await expect(cells.nth(2)).toHaveText('email_invalid');
  await expect(cells.nth(3)).toHaveText('Non è un indirizzo e-mail.');
  await expect(page.getByTestId('import-count-processed')).toHaveText('3');
  // Nothing was saved, so there is nothing to import for real yet.
  await expect(page.getByRole('button', { name: 'Importa davvero' })).toHaveCount(0);
  await expectAccessible(page, 'people import with row errors');

  // 2. The fixed file: a clean dry run, then the real import of the same file.
  await file.setInputFiles(fixed);
  await page.getByRole('button', { name: 'Avvia', exact: true }).click();
  await expect(status).toHaveText('Verifica completata: nessun errore. Puoi importare il file.', {
    timeout: 20_000,
  });
  await expect(page.getByTestId('import-errors')).toHaveCount(0);
  await page.getByRole('button', { name: 'Importa davvero' }).click();
  await expect(status).toHaveText('Importazione completata.', { timeout: 20_000 });
  await expect(page.getByTestId('import-count-inserted')).toHaveText('3');
  await expect(page.getByTestId('import-count-updated')).toHaveText('0');
  await expect(page.getByTestId('import-count-rejected')).toHaveText('0');
  await expect(page.getByTestId('import-errors')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 2, name: /Esito dell’importazione/ })).toBeFocused();

  // 3. The history: the four runs, newest first; the check with a row error opens with it.
  const history = page.getByTestId('import-history');
  await expect(history.locator('tbody tr')).toHaveCount(4);
  await expect(history.locator('tbody tr').nth(3)).toContainText('Non riuscita');
  await expect(history.locator('tbody tr').nth(0)).toContainText('Importazione');
  await expect(history.locator('tbody tr').nth(0)).toContainText('Completata');
  await expect(history.locator('tbody tr').nth(2)).toContainText('persone.csv');
  await expect(history.locator('tbody tr').nth(2)).toContainText('Con errori');
  await history.locator('tbody tr').nth(2).getByRole('link').click();
  await expect(page).toHaveURL(/\/people\/import\?id=[0-9a-f-]{36}$/);
  await expect(status).toHaveText('Verifica completata: 1 errore. Correggi il file e riprova.');
  await expect(page.getByTestId('import-errors').locator('tbody tr')).toHaveCount(1);
  await expectAccessible(page, 'people import history');

  // 4. The imported people are in the people list.
  await page.getByRole('link', { name: 'Persone', exact: true }).first().click();
  await expect(page).toHaveURL(/\/people$/);
  await page.getByRole('searchbox', { name: 'Cerca' }).fill(surname);
  await expect(page.getByTestId('results-count')).toHaveText('3 persone');
  await expect(page.getByRole('link', { name: `${surname} Giulia` })).toBeVisible();
  await expect(page.getByRole('cell', { name: people[1]!.cf })).toBeVisible();
});
