import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { MarketingGroup, MarketingProfile } from '@trama/contracts';

/**
 * The anonymised cohort profile as a PDF to send to companies (pdfmake on Node, PDF standard font
 * Helvetica only, like the service pact). It is built from the marketing profile alone, so it can hold
 * nothing the profile does not: aggregates, small groups shown as "<5", no names.
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

const fmt = (iso: string) =>
  new Date(iso).toLocaleDateString('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'long' });

export async function renderMarketingPdf(p: MarketingProfile): Promise<Buffer> {
  configure();
  const section = (title: string): Content => ({ text: title, style: 'h2' });
  const table = (title: string, groups: MarketingGroup[]): Content[] =>
    groups.length === 0
      ? []
      : [
          section(title),
          {
            table: {
              headerRows: 1,
              widths: ['*', 80],
              body: [
                [
                  { text: 'Gruppo', bold: true },
                  { text: 'Lavoratori', bold: true, alignment: 'right' },
                ],
                ...groups.map((g) => [g.label, { text: String(g.count), alignment: 'right' as const }]),
              ],
            },
            layout: 'lightHorizontalLines',
          },
        ];
  const doc: TDocumentDefinitions = {
    info: {
      title: `Profilo dei lavoratori – ${p.companyName}`,
      author: 'Trama',
      subject: 'Marketing territoriale: profilo anonimo della coorte',
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
      text: `Profilo anonimo · gruppi con meno di ${p.suppressedBelow} persone indicati come "<${p.suppressedBelow}" · pagina ${page} di ${pages}`,
      style: 'small',
      alignment: 'center',
      margin: [0, 20, 0, 0],
    }),
    content: [
      { text: 'Lavoratori disponibili: profilo professionale', style: 'h1' },
      {
        text: `Ricollocazione collettiva (GOL percorso 5) · ${p.programmeName} · aggiornato al ${fmt(p.generatedAt)}`,
        style: 'small',
      },
      section('La situazione'),
      {
        table: {
          widths: [170, '*'],
          body: [
            ['Azienda in crisi', p.companyName],
            ['Sede', `${p.siteMunicipalityName}${p.provinceName ? ` (${p.provinceName})` : ''}`],
            ['Lavoratori coinvolti', String(p.workersAffected)],
            ['Lavoratori nel programma di ricollocazione', String(p.cohortSize)],
          ],
        },
        layout: 'lightHorizontalLines',
      },
      ...table('Competenze principali (ESCO)', p.skills),
      ...table('Gruppi professionali (ISCO)', p.occupationGroups),
      ...table('Età', p.ageBands),
      ...table('Titolo di studio', p.education),
      ...table('Lingue', p.languages),
      ...table('Patenti', p.drivingLicences),
      ...table('Provincia di residenza', p.provinces),
      ...table('Genere', p.sex),
      section('Come contattarci'),
      {
        text: 'Per conoscere i profili e organizzare colloqui di selezione, rivolgetevi al centro per l’impiego o all’operatore che coordina la ricollocazione. I dati sono aggregati e anonimi: nessun dato personale è contenuto in questo documento.',
      },
    ],
  };
  return pdfmake.createPdf(doc).getBuffer();
}
