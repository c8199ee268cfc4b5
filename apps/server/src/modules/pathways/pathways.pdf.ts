import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { PactContent } from '@trama/contracts';

/**
 * The service pact as a PDF (pdfmake on Node). Only the PDF standard font Helvetica is used: its metrics
 * ship with pdfkit, so nothing is read from disk beyond that and nothing is downloaded.
 */
const STANDARD_FONT = {
  normal: 'Helvetica',
  bold: 'Helvetica-Bold',
  italics: 'Helvetica-Oblique',
  bolditalics: 'Helvetica-BoldOblique',
};
const ALLOWED_LOCAL = new Set(Object.values(STANDARD_FONT));

let configured = false;
function configure() {
  if (configured) return;
  pdfmake.setFonts({ Helvetica: STANDARD_FONT });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p) => ALLOWED_LOCAL.has(p));
  configured = true;
}

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
  configure();
  const c = p.content;
  const section = (title: string): Content => ({ text: title, style: 'h2' });
  const doc: TDocumentDefinitions = {
    info: {
      title: `Patto di servizio personalizzato v${p.version}`,
      author: c.responsibleOperator.organizationName,
      subject: `${c.person.lastName} ${c.person.firstName}`,
    },
    pageSize: 'A4',
    pageMargins: [50, 60, 50, 60],
    defaultStyle: { font: 'Helvetica', fontSize: 10, lineHeight: 1.2 },
    styles: {
      h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      small: { fontSize: 8, color: '#555555' },
    },
    footer: (page, pages) => ({
      text: `Patto di servizio v${p.version} · pagina ${page} di ${pages}`,
      style: 'small',
      alignment: 'center',
      margin: [0, 20, 0, 0],
    }),
    content: [
      { text: 'Patto di servizio personalizzato', style: 'h1' },
      {
        text: `art. 20 D.Lgs. 150/2015 · Programma ${c.programme.code} – ${c.programme.name} · versione ${p.version} (${p.status}) del ${fmt(p.createdAt)}`,
        style: 'small',
      },
      section('Persona'),
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
      section('Operatore responsabile'),
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
      section('Profilo'),
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
      section('Atti di ricerca attiva e tempi'),
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
      section('Impegni'),
      {
        ul: [
          `Incontri con l'operatore: almeno ogni ${c.meetingFrequencyDays} giorni`,
          `Modalità di prova della ricerca: ${c.searchProofMethod}`,
          `Disponibilità a laboratori: ${yesNo(c.availableForWorkshops)}`,
          `Disponibilità a formazione e riqualificazione: ${yesNo(c.availableForTraining)}`,
          `Accettazione di offerte di lavoro congrue: ${yesNo(c.acceptsSuitableOffers)}`,
        ],
      },
      ...(c.notes ? [section('Note'), { text: c.notes }] : []),
      section('Firme'),
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
  };
  return pdfmake.createPdf(doc).getBuffer();
}
