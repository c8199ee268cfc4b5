import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO, expectAccessible, field, signIn } from './support';

/** A second case worker of the same accredited operator (demo-data.ts): deliveries need a second person. */
const SECOND_OPERATOR = 'operatore2@demo.trama.it';

// Codice fiscale check character (DM 23/12/1976), as in packages/contracts/src/fiscal.ts.
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
function checkChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15[i]!;
    const n = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65;
    sum += i % 2 === 0 ? ODD[n]! : n;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** A fresh, valid fiscal code of a man born on 15 March 1988 in Milan (letters differ on every run). */
function freshFiscalCode(): string {
  const letters = Array.from({ length: 6 }, () =>
    String.fromCharCode(65 + Math.floor(Math.random() * 26)),
  ).join('');
  const first15 = `${letters}88C15F205`;
  return first15 + checkChar(first15);
}

const isoDaysAgo = (days: number) => {
  const d = new Date(Date.now() - days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * A text with amounts as the Italian UI prints them: "1.192,00 €" or "1192,00 €" (ICU may not group four
 * digits), with a non-breaking space before the euro sign.
 */
const euro = (text: string) =>
  new RegExp(
    text
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/(\d)\\\.(\d{3})/g, '$1\\.?$2')
      .replace(/ /g, '\\s'),
  );

const select = (page: Page, name: string) => page.getByRole('combobox', { name, exact: true });
const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const stateBadge = (page: Page) => page.getByTestId('pathway-state');

/** Waits until nothing is loading, then runs axe (no serious or critical violation). */
async function settledAndAccessible(page: Page, name: string) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Caricamento in corso…')).toHaveCount(0);
  await expectAccessible(page, name);
}

async function deliveryRow(page: Page, amount: string): Promise<Locator> {
  const row = page.getByTestId('delivery-row').filter({ hasText: euro(amount) });
  await expect(row).toHaveCount(1);
  return row;
}

test('a case worker takes a person in charge and follows the pathway to a placement, within the voucher budget', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const fiscalCode = freshFiscalCode();
  const surname = `Verdi${fiscalCode.slice(0, 3).toLowerCase()}`;

  // Two case workers of the same organisation, each in their own browser session.
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await signIn(a, DEMO.operator);

  // The caseload: the case worker's workspace.
  await a.getByRole('link', { name: 'Carico di lavoro' }).first().click();
  await expect(a.getByRole('heading', { level: 1, name: 'Carico di lavoro' })).toBeVisible();
  await settledAndAccessible(a, 'caseload');

  // 1. Register the person, with consents. A wrong check character is caught inline first.
  await a.getByRole('link', { name: 'Nuova persona' }).first().click();
  await expect(a).toHaveURL(/\/people\/new$/);
  const wrong = fiscalCode.slice(0, 15) + (fiscalCode[15] === 'A' ? 'B' : 'A');
  await field(a, 'Codice fiscale').fill(wrong);
  await expect(a.getByTestId('fiscal-code-derived')).toHaveText(/non è valido/);
  await field(a, 'Nome').fill('Giorgio');
  await field(a, 'Cognome').fill(surname);
  await a.getByRole('button', { name: 'Registra persona', exact: true }).click();
  await expect(a.getByTestId('error-summary')).toBeVisible();
  await expect(a.getByTestId('fiscalCode-error')).toHaveText(/Codice fiscale non valido/);
  await expect(a.getByTestId('employmentStatus-error')).toHaveText('Campo obbligatorio.');

  await field(a, 'Codice fiscale').fill(fiscalCode);
  await expect(a.getByTestId('fiscal-code-derived')).toHaveText(
    'Dal codice fiscale: nato/a il 15 mar 1988, sesso maschile.',
  );
  await select(a, 'Condizione occupazionale').selectOption({ label: 'Disoccupato/a' });
  await select(a, 'Titolo di studio (livello EQF)').selectOption({ label: 'EQF 6 – Laurea triennale' });
  await field(a, 'Data della DID').fill(isoDaysAgo(30));
  await select(a, 'Canale della DID').selectOption({ label: 'Centro per l’impiego' });
  await expect(a.getByRole('checkbox', { name: 'Gestione del percorso' })).toBeChecked();
  await a.getByText('Condivisione con i partner della rete', { exact: true }).click();
  await expect(a.getByRole('checkbox', { name: 'Condivisione con i partner della rete' })).toBeChecked();
  await a.getByRole('button', { name: 'Registra persona', exact: true }).click();

  await expect(a).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
  await expect(a.getByTestId('flash')).toHaveText('Persona registrata.');
  await expect(a.getByRole('heading', { level: 1, name: `Giorgio ${surname}` })).toBeVisible();
  const personId = a.url().split('/').pop()!;
  await expect(a.getByTestId('consents').getByRole('row', { name: /Gestione del percorso/ })).toContainText(
    'Dato',
  );

  // 2. Take in charge: programme, office, responsible case worker.
  await a.getByRole('button', { name: 'Prendi in carico', exact: true }).first().click();
  const form = a.getByTestId('take-in-charge-form');
  await expect(form.getByRole('combobox', { name: 'Programma' })).toBeVisible();
  const programme = await form
    .locator('#programmeId option', { hasText: 'GOL-LOM-DEMO' })
    .getAttribute('value');
  await form.getByRole('combobox', { name: 'Programma' }).selectOption(programme!);
  const office = await form.locator('#officeId option').nth(1).getAttribute('value');
  await form.getByRole('combobox', { name: 'Sede' }).selectOption(office!);
  await expect(form.getByRole('combobox', { name: 'Operatore responsabile' })).toHaveValue(/[0-9a-f-]{36}/);
  await form.getByRole('button', { name: 'Conferma la presa in carico', exact: true }).click();
  await expect(a).toHaveURL(/\/people\/[0-9a-f-]{36}\/timeline\?pathway=[0-9a-f-]{36}$/);
  const pathwayId = new URL(a.url()).searchParams.get('pathway')!;
  await expect(stateBadge(a)).toHaveText('Preso/a in carico');
  await expect(a.getByTestId('timeline')).toContainText('Presa in carico nel programma GOL-LOM-DEMO.');

  // 3. Assessment: the proposal is explained (score, GOL path, band), the case worker confirms it.
  await tab(a, 'Profilazione').click();
  await a.getByRole('button', { name: 'Esegui la profilazione', exact: true }).click();
  await expect(a.getByTestId('assessment-result')).toHaveText(
    'Punteggio 12: proposto Percorso 1 – Reinserimento lavorativo, fascia di intensità 1 (regole versione 1).',
  );
  for (const q of [
    'Realismo degli obiettivi professionali',
    'Chiarezza dell’orientamento professionale',
    'Disponibilità a spostarsi',
    'Intensità della ricerca di lavoro',
  ])
    await select(a, q).selectOption({ label: '4 – alto' });
  await select(a, 'Disponibile a formarsi').selectOption({ label: 'Sì' });
  await select(a, 'Ha bisogno di servizi di altri enti della rete').selectOption({ label: 'No' });
  await a.getByRole('button', { name: 'Conferma la proposta', exact: true }).click();
  await expect(a.getByTestId('assessment-done')).toHaveText('Profilazione registrata.');
  await expect(stateBadge(a)).toHaveText('Profilato/a');
  await expect(a.getByTestId('assessment-history')).toContainText('percorso 1, fascia 1');

  // The tabs work with the keyboard: from the selected tab, the right arrow opens the next one.
  await tab(a, 'Profilazione').focus();
  await a.keyboard.press('ArrowRight');
  await expect(tab(a, 'Patto di servizio')).toBeFocused();
  await expect(tab(a, 'Patto di servizio')).toHaveAttribute('aria-selected', 'true');

  // 4. The service pact: drawn up, signed by the person and by the operator; a PDF of the version.
  await a.getByRole('button', { name: 'Redigi il patto', exact: true }).click();
  await a.getByTestId('pact-form').getByRole('button', { name: 'Salva la versione', exact: true }).click();
  await expect(a.getByTestId('pact-version-1')).toContainText('da firmare');
  await a.getByRole('button', { name: 'Registra la firma della persona', exact: true }).click();
  await expect(a.getByTestId('pact-done')).toHaveText(/Firma della persona registrata/);
  await a.getByRole('button', { name: 'Firma come operatore', exact: true }).click();
  await expect(a.getByTestId('pact-done')).toHaveText(/Patto firmato da entrambe le parti/);
  await expect(a.getByTestId('pact-version-1')).toContainText('firmato');
  await expect(stateBadge(a)).toHaveText('Patto firmato');
  const pdf = await a.request.get(`/api/pathways/${pathwayId}/pact/versions/1.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  await expect(a.getByRole('link', { name: /PDF della versione 1/ })).toHaveAttribute(
    'href',
    `/api/pathways/${pathwayId}/pact/versions/1.pdf`,
  );

  // A convocation, with the programme's notice rule stated on the form.
  await tab(a, 'Appuntamenti').click();
  await a.getByRole('button', { name: 'Nuova convocazione', exact: true }).click();
  await expect(a.getByTestId('appointment-form')).toContainText('almeno 24 ore di preavviso');
  await field(a, 'Oggetto').fill('Colloquio di orientamento');
  await a.getByRole('button', { name: 'Convoca', exact: true }).click();
  await expect(a.getByTestId('appointment-done')).toHaveText('Convocazione registrata.');
  await expect(a.getByTestId('appointments')).toContainText('Colloquio di orientamento');
  await expect(a.getByTestId('appointments')).toContainText('In programma');

  // 5. The voucher: band 1 (cap 1200 EUR), individual plan of 1192 EUR.
  await tab(a, 'Dote').click();
  const issue = a.getByTestId('issue-voucher-form');
  await expect(issue).toContainText(euro('1.200,00 €'));
  await field(a, 'Unità pianificate di Formazione breve (upskilling)').fill('70');
  await field(a, 'Unità pianificate di Orientamento specialistico individuale').fill('4');
  await expect(a.getByTestId('planned-total')).toHaveText(euro('1.192,00 €'));
  await issue.getByRole('button', { name: 'Assegna la dote', exact: true }).click();
  await expect(a.getByTestId('voucher-done')).toContainText('Dote assegnata');
  await expect(stateBadge(a)).toHaveText('Servizi in corso');
  await expect(a.getByTestId('ledger-cap')).toHaveText(euro('1.200,00 €'));
  await expect(a.getByTestId('ledger-planned')).toHaveText(euro('1.192,00 €'));
  await expect(a.getByTestId('ledger-remaining')).toHaveText(euro('1.200,00 €'));

  // 6. Deliveries recorded by the first case worker: 600 + 450 + 142 EUR, and one more of 15 EUR.
  const record = async (line: RegExp, units: string, amount: string) => {
    const f = a.getByTestId('delivery-form');
    const lineId = await f.locator('#planLineId option', { hasText: line }).getAttribute('value');
    await f.getByRole('combobox', { name: 'Servizio' }).selectOption(lineId!);
    await field(a, 'Unità').fill(units);
    await expect(f).toContainText(euro(`Importo: ${amount}`));
    await f.getByRole('button', { name: 'Registra il servizio', exact: true }).click();
    await expect(a.getByTestId('voucher-done')).toContainText(euro(`Servizio registrato (${amount})`));
  };
  await record(/^FOR-UPS/, '40', '600,00 €');
  await record(/^FOR-UPS/, '30', '450,00 €');
  await record(/^ORI-IND/, '4', '142,00 €');
  await record(/^FOR-UPS/, '1', '15,00 €');
  await expect(a.getByTestId('delivery-row')).toHaveCount(4);
  await expect(await deliveryRow(a, '600,00 €')).toContainText('Da convalidare da un altro operatore');
  await expect(a.getByTestId('ledger-delivered')).toContainText(euro('1.207,00 €'));
  await expect(a.getByTestId('ledger-remaining')).toHaveText(euro('1.200,00 €'));
  await settledAndAccessible(a, 'person file (voucher)');

  // 7. The second case worker validates until the budget is nearly used (8 EUR left)...
  await signIn(b, SECOND_OPERATOR);
  await b.goto(`/people/${personId}/voucher?pathway=${pathwayId}`);
  await expect(b.getByTestId('ledger-remaining')).toHaveText(euro('1.200,00 €'));
  for (const [amount, remaining] of [
    ['600,00 €', '600,00 €'],
    ['450,00 €', '150,00 €'],
    ['142,00 €', '8,00 €'],
  ] as const) {
    await (await deliveryRow(b, amount)).getByRole('button', { name: /^Convalida / }).click();
    await expect(b.getByTestId('voucher-done')).toContainText(euro(`restano ${remaining}`));
    await expect(await deliveryRow(b, amount)).toContainText('convalidato');
  }
  await expect(b.getByTestId('ledger-validated')).toHaveText(euro('1.192,00 €'));
  await expect(b.getByTestId('ledger-remaining')).toHaveText(euro('8,00 €'));

  // ... and the validation that would exceed it is refused, with a clear message; nothing changes.
  await (await deliveryRow(b, '15,00 €')).getByRole('button', { name: /^Convalida / }).click();
  const refusal = b.getByTestId('budget-exceeded');
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('Operazione rifiutata: il budget della dote sarebbe superato.');
  await expect(refusal).toContainText(euro('Il servizio vale 15,00 € ma nella dote restano 8,00 €.'));
  await expect(await deliveryRow(b, '15,00 €')).toContainText('da convalidare');
  await expect(b.getByTestId('ledger-remaining')).toHaveText(euro('8,00 €'));

  // A new delivery beyond what is left is refused as soon as it is recorded.
  await a.reload();
  await expect(a.getByTestId('ledger-remaining')).toHaveText(euro('8,00 €'));
  const f = a.getByTestId('delivery-form');
  const line = await f.locator('#planLineId option', { hasText: /^FOR-UPS/ }).getAttribute('value');
  await f.getByRole('combobox', { name: 'Servizio' }).selectOption(line!);
  await field(a, 'Unità').fill('2');
  await f.getByRole('button', { name: 'Registra il servizio', exact: true }).click();
  await expect(a.getByTestId('budget-exceeded')).toContainText(
    euro(
      'Il servizio vale 30,00 € ma nella dote restano 8,00 €. Non è stato registrato né modificato nulla.',
    ),
  );
  await expect(a.getByTestId('delivery-row')).toHaveCount(4);

  // 8. The placement closes the pathway.
  await a.getByRole('button', { name: 'Registra inserimento lavorativo', exact: true }).click();
  const placement = a.getByTestId('placement-form');
  await field(a, 'Datore di lavoro').fill('Officine Brianza S.r.l.');
  await placement
    .getByRole('combobox', { name: 'Tipo di contratto' })
    .selectOption({ label: 'tempo indeterminato' });
  await placement.getByRole('button', { name: 'Registra l’inserimento', exact: true }).click();
  await expect(a.getByTestId('pathway-done')).toContainText('Inserimento registrato');
  await expect(stateBadge(a)).toHaveText('Inserito/a al lavoro');
  await expect(a.getByTestId('placement-view')).toContainText('Officine Brianza S.r.l.');

  // 9. The timeline shows every step, in order.
  await tab(a, 'Cronologia del percorso').click();
  const timeline = a.getByTestId('timeline');
  const kinds = await timeline
    .locator('li')
    .evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')));
  expect(kinds).toEqual([
    'transition.take_in_charge',
    'assessment.recorded',
    'transition.assess',
    'pact.version_created',
    'pact.signed',
    'pact.signed',
    'transition.sign_pact',
    'appointment.scheduled',
    'transition.start_delivery',
    'voucher.issued',
    'delivery.recorded',
    'delivery.recorded',
    'delivery.recorded',
    'delivery.recorded',
    'delivery.validated',
    'delivery.validated',
    'delivery.validated',
    'transition.place',
    'placement.recorded',
  ]);
  await expect(timeline).toContainText('Profilazione registrata: punteggio 12');
  await expect(timeline).toContainText('Versione 1 del patto firmata dalla persona');
  await expect(timeline).toContainText(euro('Dote assegnata: massimale 1.200,00 €'));
  await expect(timeline).toContainText(euro('Servizio convalidato: 142,00 €; restano 8,00 €.'));
  await expect(timeline).toContainText(
    'Inserimento lavorativo presso Officine Brianza S.r.l.: tempo indeterminato',
  );
  await settledAndAccessible(a, 'person file (timeline)');

  // The caseload lists the person with the new state; the home page counts the budget used.
  await a.getByRole('link', { name: 'Carico di lavoro' }).first().click();
  const row = a.getByTestId('caseload-row').filter({ hasText: fiscalCode });
  await expect(row).toContainText('Inserito/a al lavoro');
  await settledAndAccessible(a, 'caseload with a pathway');
  await a.getByRole('link', { name: 'Home' }).first().click();
  const kpi = a.getByTestId('kpi-section-pathways');
  await expect(kpi).toContainText('Budget delle doti utilizzato');
  // The demo dataset has other vouchers too: the organisation's total includes this one's 1.192 €.
  await expect(kpi).toContainText(/\d[\d.]*\s€\ssu\s\d[\d.]*\s€/);
  await expect(kpi).toContainText('Inserimenti lavorativi');
});

test('a case worker refers a person to a job centre, which accepts and then sees only the shared sections', async ({
  browser,
}) => {
  const fiscalCode = freshFiscalCode();
  const surname = `Neri${fiscalCode.slice(0, 3).toLowerCase()}`;
  const sender = await (await browser.newContext()).newPage();
  const receiver = await (await browser.newContext()).newPage();
  await signIn(sender, DEMO.operator);

  // The person, registered through the API the pages use, with consent to sharing in the network.
  const created = await sender.request.post('/api/people', {
    data: {
      fiscalCode,
      firstName: 'Anna',
      lastName: surname,
      employmentStatus: 'unemployed',
      email: 'anna.neri@example.org',
      consents: ['case_management', 'network_sharing'],
    },
  });
  expect(created.status()).toBe(201);
  const personId = (await created.json()).id as string;

  await sender.goto(`/people/${personId}/referrals`);
  await expect(tab(sender, 'Invii ad altri enti')).toHaveAttribute('aria-selected', 'true');
  await sender.getByRole('button', { name: 'Invia a un altro ente', exact: true }).click();
  const to = sender.getByRole('combobox', { name: 'Ente che riceve la persona', exact: true });
  await to.fill('Impiego di Milano');
  await sender
    .getByRole('listbox', { name: 'Ente che riceve la persona', exact: true })
    .getByRole('option', { name: /Centro per l'Impiego di Milano/ })
    .click();
  await field(sender, 'Motivo dell’invio').fill(
    'Servizi specialistici di orientamento del centro per l’impiego',
  );
  // Share identity and employment, not the contacts.
  await sender.getByText('Contatti', { exact: true }).click();
  await expect(sender.getByRole('checkbox', { name: 'Contatti', exact: true })).not.toBeChecked();
  await sender.getByRole('button', { name: 'Proponi l’invio', exact: true }).click();
  await expect(sender.getByTestId('referral-done')).toContainText('Invio proposto');
  await expect(sender.getByTestId('referral-row')).toContainText('proposto');
  await expect(
    sender.getByTestId('referral-row').getByRole('button', { name: 'Revoca', exact: true }),
  ).toBeVisible();

  // The job centre sees the referral, without the person's name until it accepts.
  await signIn(receiver, 'cpi.milano@demo.trama.it');
  await receiver.goto('/referrals');
  const row = receiver
    .getByTestId('referral-row')
    .filter({ hasText: 'Servizi specialistici di orientamento' });
  await expect(row).toContainText('visibile dopo l’accettazione');
  await expect(row.getByRole('button', { name: 'Revoca', exact: true })).toHaveCount(0);
  await settledAndAccessible(receiver, 'referrals received');
  await row.getByRole('button', { name: 'Accetta', exact: true }).click();
  await expect(receiver.getByTestId('referral-done')).toContainText('Invio accettato');
  await expect(row).toContainText('accettato');

  // Once accepted, the record shows only the shared sections.
  await row.getByRole('link', { name: `${surname} Anna` }).click();
  await expect(receiver.getByRole('heading', { level: 1, name: `Anna ${surname}` })).toBeVisible();
  await expect(receiver.getByText('Vista parziale (invio)')).toBeVisible();
  await expect(receiver.getByRole('note')).toContainText('Dati anagrafici, Condizione occupazionale');
  await expect(receiver.getByText('anna.neri@example.org')).toHaveCount(0);
  await expect(receiver.getByTestId('consents')).toHaveCount(0);
});
