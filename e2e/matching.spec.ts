import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, field, signIn } from './support';

const COMPANY = 'azienda@demo.trama.it';
const OPERATOR = 'operatore@demo.trama.it';
const REGIONAL = 'regione@demo.trama.it';
const PERSON = 'Marco Colombo'; // demo: CNC operator in Sesto San Giovanni, over 50, voucher in delivery

/** Waits until the page has its heading and no loading indicator, then runs axe. */
async function settledAndAccessible(page: Page, name: string) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Caricamento in corso…')).toHaveCount(0);
  await expectAccessible(page, name);
}

/** Types into a type-ahead picker and picks the option whose text matches. */
async function pick(page: Page, label: string, typed: string, option: RegExp) {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.fill(typed);
  const listbox = page.getByRole('listbox', { name: label, exact: true });
  await listbox.getByRole('option', { name: option }).first().click();
  await expect(box).toHaveValue(option);
}

/** The pledge of Meccanica Lariana (the demo company) for over-50s: "N assunzioni su M posti promessi". */
async function pledgeHires(page: Page) {
  await page.goto('/pledges?priorityTarget=over_50');
  const card = page.getByTestId('pledge').filter({ hasText: 'Meccanica Lariana' });
  await expect(card).toHaveCount(1);
  const text = (await card.getByTestId('pledge-progress').textContent()) ?? '';
  return Number(/(\d+) assunzion/.exec(text)?.[1]);
}

test('a company publishes a vacancy with ESCO skills, a case worker proposes a matched person, the hire places the pathway and moves the pledge', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  // One browser session per user (three sign-ins in all, well within the login rate limit).
  const company = await (await browser.newContext()).newPage();
  const operator = await (await browser.newContext()).newPage();
  const regional = await (await browser.newContext()).newPage();

  // 0. The coordinator's pledges board before the hire.
  await signIn(regional, REGIONAL);
  await regional.getByRole('link', { name: 'Impegni delle aziende' }).first().click();
  await expect(regional.getByRole('heading', { level: 1, name: 'Impegni delle aziende' })).toBeVisible();
  await expect(regional.getByTestId('pledge').first()).toBeVisible();
  await settledAndAccessible(regional, 'pledges board');
  const hiresBefore = await pledgeHires(regional);
  expect(hiresBefore).toBeGreaterThanOrEqual(0);

  // 1. The company publishes a vacancy: the ESCO occupation pre-fills its skills.
  await signIn(company, COMPANY);
  await company.getByRole('link', { name: 'La mia azienda' }).first().click();
  await expect(company.getByRole('heading', { level: 1, name: /Meccanica Lariana/ })).toBeVisible();
  await company.getByRole('link', { name: 'Pubblica un’offerta' }).first().click();
  await expect(company.getByRole('heading', { level: 1, name: 'Nuova offerta di lavoro' })).toBeVisible();
  await settledAndAccessible(company, 'vacancy form');

  // Publishing the empty form shows the errors next to the fields.
  await company.getByRole('button', { name: 'Pubblica l’offerta' }).click();
  await expect(company.getByTestId('error-summary')).toBeVisible();
  await expect(company.getByRole('combobox', { name: 'Occupazione ESCO', exact: true })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expectAccessible(company, 'vacancy form with errors');

  await pick(company, 'Occupazione ESCO', 'macchine CNC', /^operatore di macchine CNC/);
  await expect(company.getByTestId('skills-prefill')).toContainText('essenziali');
  const essential = company.getByTestId('essential-skills').getByRole('listitem');
  await expect(essential.first()).toBeVisible();
  const prefilled = await essential.count();
  expect(prefilled).toBeGreaterThan(2);
  // The skills stay editable: one essential skill becomes optional.
  await essential
    .first()
    .getByRole('button', { name: /^Rendi facoltativa/ })
    .click();
  await expect(essential).toHaveCount(prefilled - 1);
  await expect(company.getByTestId('optional-skills').getByRole('listitem').first()).toBeVisible();

  await field(company, 'Titolo dell’offerta').fill('Tornitore CNC – reparto Brianza');
  await pick(company, 'Comune della sede di lavoro', 'Monza', /^Monza \(MB\)/);
  await company.getByRole('combobox', { name: 'Tipo di contratto', exact: true }).selectOption('permanent');
  await field(company, 'Ore settimanali').fill('40');
  await company.getByLabel('Conta per gli impegni dell’azienda verso i target prioritari').check();
  await expectAccessible(company, 'vacancy form filled in');
  await company.getByRole('button', { name: 'Pubblica l’offerta' }).click();
  await expect(company).toHaveURL(/\/vacancies\/[0-9a-f-]{36}$/);
  await expect(company.getByTestId('flash')).toContainText('Offerta pubblicata');
  await expect(company.getByTestId('vacancy-status')).toHaveText('Aperta');
  const vacancyUrl = new URL(company.url()).pathname;

  // 2. The case worker opens the vacancy's ranked candidates, with their explanations.
  await signIn(operator, OPERATOR);
  await operator.getByRole('link', { name: 'Offerte di lavoro' }).first().click();
  await expect(operator.getByRole('heading', { level: 1, name: 'Offerte di lavoro' })).toBeVisible();
  await operator.getByRole('searchbox', { name: 'Cerca' }).fill('Tornitore');
  await expect(operator).toHaveURL(/q=Tornitore/);
  await expect(operator.getByTestId('results-count')).toHaveText('1 offerta');
  await operator.getByRole('link', { name: 'Tornitore CNC – reparto Brianza' }).click();
  await expect(operator).toHaveURL(new RegExp(`${vacancyUrl}$`));
  await operator.getByRole('link', { name: 'Candidati più adatti' }).click();
  await expect(operator).toHaveURL(/\/candidates$/);
  const candidate = operator.getByTestId('candidate').filter({ hasText: PERSON });
  await expect(candidate).toHaveCount(1);
  await expect(candidate.getByTestId('match-score')).toContainText('Punteggio');
  await expect(candidate.getByTestId('matched-skills')).not.toContainText('nessuna');
  await expect(candidate.getByTestId('match-distance')).toContainText(/A [\d,]+ km · stessa occupazione/);
  await settledAndAccessible(operator, 'ranked candidates');

  // One action proposes the person; the candidature then shows as proposed.
  await candidate.getByRole('button', { name: `Proponi ${PERSON}` }).click();
  await expect(candidate.getByTestId('proposed')).toHaveText('Proposta');
  const personHref = await candidate.getByRole('link', { name: PERSON }).getAttribute('href');
  expect(personHref).toMatch(/^\/people\/[0-9a-f-]{36}$/);

  // 3. The company moves the candidature on and hires, giving the contract of the placement.
  await company.goto('/my-company');
  const row = company.getByTestId('candidature-row').filter({ hasText: PERSON });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: `Metti in valutazione ${PERSON}` }).click();
  await expect(row.getByTestId('candidature-state')).toHaveText('In valutazione');
  await row.getByRole('button', { name: `Fissa il colloquio con ${PERSON}` }).click();
  await expect(row.getByTestId('candidature-state')).toHaveText('Colloquio');
  await row.getByRole('button', { name: `Assumi ${PERSON}` }).click();
  const hire = company.getByRole('form', { name: `Assunzione di ${PERSON}` });
  await expect(hire.getByRole('combobox', { name: 'Tipo di contratto' })).toHaveValue('permanent');
  await expect(hire.getByRole('textbox', { name: 'Ore settimanali' })).toHaveValue('40');
  await hire.getByRole('button', { name: 'Conferma l’assunzione' }).click();
  await expect(row.getByTestId('candidature-state')).toHaveText('Assunto/a');

  // 4. The person's pathway is placed.
  await operator.goto(personHref!);
  await expect(operator.getByRole('heading', { level: 1, name: PERSON })).toBeVisible();
  await expect(operator.locator('.trama-state-badge').first()).toHaveText('Inserito/a al lavoro');

  // 5. The pledge counter on the board moved.
  expect(await pledgeHires(regional)).toBe(hiresBefore + 1);
});
