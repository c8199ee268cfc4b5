import type { Content } from 'pdfmake/interfaces';
import type { MarketingGroup, MarketingProfile } from '@trama/contracts';
import { pdfSection, renderA4Pdf } from '../../platform/pdf';

/**
 * The anonymised cohort profile as a PDF to send to companies (pdfmake on Node, PDF standard font
 * Helvetica only, like the service pact). It is built from the marketing profile alone, so it can hold
 * nothing the profile does not: aggregates, small groups shown as "<5", no names.
 */
const fmt = (iso: string) =>
  new Date(iso).toLocaleDateString('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'long' });

export async function renderMarketingPdf(p: MarketingProfile): Promise<Buffer> {
  const table = (title: string, groups: MarketingGroup[]): Content[] =>
    groups.length === 0
      ? []
      : [
          pdfSection(title),
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
  return renderA4Pdf({
    info: {
      title: `Profilo dei lavoratori – ${p.companyName}`,
      author: 'Trama',
      subject: 'Marketing territoriale: profilo anonimo della coorte',
    },
    footerText: (page, pages) =>
      `Profilo anonimo · gruppi con meno di ${p.suppressedBelow} persone indicati come "<${p.suppressedBelow}" · pagina ${page} di ${pages}`,
    content: [
      { text: 'Lavoratori disponibili: profilo professionale', style: 'h1' },
      {
        text: `Ricollocazione collettiva (GOL percorso 5) · ${p.programmeName} · aggiornato al ${fmt(p.generatedAt)}`,
        style: 'small',
      },
      pdfSection('La situazione'),
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
      pdfSection('Come contattarci'),
      {
        text: 'Per conoscere i profili e organizzare colloqui di selezione, rivolgetevi al centro per l’impiego o all’operatore che coordina la ricollocazione. I dati sono aggregati e anonimi: nessun dato personale è contenuto in questo documento.',
      },
    ],
  });
}
