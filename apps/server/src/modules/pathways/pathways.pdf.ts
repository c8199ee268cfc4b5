import type { PactContent } from '@trama/contracts';
import { pdfSection, renderA4Pdf } from '../../platform/pdf';

/**
 * The service pact as a PDF (pdfmake on Node). Only the PDF standard font Helvetica is used: its metrics
 * ship with pdfkit, so nothing is read from disk beyond that and nothing is downloaded.
 */
export interface PactPdfInput {
  version: number;
  status: string;
  createdAt: Date;
  content: PactContent;
  personSignedAt: Date | null;
  personSignatureMethod: string | null;
  operatorSignedAt: Date | null;
  operatorSignatureMethod: string | null;
  operatorSignerName: string | null;
}

const fmt = (d: Date | null) =>
  d ? d.toLocaleString('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'short' }) : '—';
const yesNo = (b: boolean) => (b ? 'Sì' : 'No');
const METHOD: Record<string, string> = { handwritten: 'firma autografa', otp: 'OTP', spid: 'SPID' };

export async function renderPactPdf(p: PactPdfInput): Promise<Buffer> {
  const c = p.content;
  return renderA4Pdf({
    info: {
      title: `Patto di servizio personalizzato v${p.version}`,
      author: c.responsibleOperator.organizationName,
      subject: `${c.person.lastName} ${c.person.firstName}`,
    },
    footerText: (page, pages) => `Patto di servizio v${p.version} · pagina ${page} di ${pages}`,
    content: [
      { text: 'Patto di servizio personalizzato', style: 'h1' },
      {
        text: `art. 20 D.Lgs. 150/2015 · Programma ${c.programme.code} – ${c.programme.name} · versione ${p.version} (${p.status}) del ${fmt(p.createdAt)}`,
        style: 'small',
      },
      pdfSection('Persona'),
      {
        table: {
          widths: [150, '*'],
          body: [
            ['Cognome e nome', `${c.person.lastName} ${c.person.firstName}`],
            ['Codice fiscale', c.person.fiscalCode],
          ],
        },
        layout: 'lightHorizontalLines',
      },
      pdfSection('Operatore responsabile'),
      {
        table: {
          widths: [150, '*'],
          body: [
            ['Ente', c.responsibleOperator.organizationName],
            ['Sede', `${c.responsibleOperator.officeName}, ${c.responsibleOperator.officeAddress}`],
            ['Referente (case manager)', c.responsibleOperator.caseWorkerName],
          ],
        },
        layout: 'lightHorizontalLines',
      },
      pdfSection('Profilo'),
      {
        table: {
          widths: [150, '*'],
          body: [
            ['Punteggio di profilazione', c.profile.score === null ? '—' : String(c.profile.score)],
            [
              'Versione delle regole',
              c.profile.ruleSetVersion === null ? '—' : String(c.profile.ruleSetVersion),
            ],
            ['Percorso GOL', c.profile.golPath === null ? '—' : String(c.profile.golPath)],
            ['Fascia di intensità', c.profile.intensityBand === null ? '—' : String(c.profile.intensityBand)],
          ],
        },
        layout: 'lightHorizontalLines',
      },
      pdfSection('Atti di ricerca attiva e tempi'),
      {
        table: {
          headerRows: 1,
          widths: ['*', 150],
          body: [
            [
              { text: 'Attività', bold: true },
              { text: 'Tempi', bold: true },
            ],
            ...c.jobSearchActs.map((a) => [a.description, a.timing]),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      pdfSection('Impegni'),
      {
        ul: [
          `Incontri con l'operatore: almeno ogni ${c.meetingFrequencyDays} giorni`,
          `Modalità di prova della ricerca: ${c.searchProofMethod}`,
          `Disponibilità a laboratori: ${yesNo(c.availableForWorkshops)}`,
          `Disponibilità a formazione e riqualificazione: ${yesNo(c.availableForTraining)}`,
          `Accettazione di offerte di lavoro congrue: ${yesNo(c.acceptsSuitableOffers)}`,
        ],
      },
      ...(c.notes ? [pdfSection('Note'), { text: c.notes }] : []),
      pdfSection('Firme'),
      {
        table: {
          widths: [150, '*'],
          body: [
            [
              'Persona',
              p.personSignedAt
                ? `Firmato il ${fmt(p.personSignedAt)} (${METHOD[p.personSignatureMethod ?? ''] ?? p.personSignatureMethod})`
                : 'Non ancora firmato',
            ],
            [
              'Operatore',
              p.operatorSignedAt
                ? `Firmato il ${fmt(p.operatorSignedAt)} da ${p.operatorSignerName ?? '—'} (${METHOD[p.operatorSignatureMethod ?? ''] ?? p.operatorSignatureMethod})`
                : 'Non ancora firmato',
            ],
          ],
        },
        layout: 'lightHorizontalLines',
      },
    ],
  });
}
