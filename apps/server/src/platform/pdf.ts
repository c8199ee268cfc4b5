import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';

/**
 * Shared pdfmake setup for the documents the server renders (service pact, crisis marketing profile).
 * Only the PDF standard font Helvetica is used: its metrics ship with pdfkit, so nothing is read from
 * disk beyond that and nothing is downloaded (URL access is denied, local access limited to the font).
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

/** A section heading (style h2 of {@link renderA4Pdf}). */
export const pdfSection = (title: string): Content => ({ text: title, style: 'h2' });

/**
 * Renders an A4 document with the common layout: Helvetica 10pt, styles h1/h2/small and a centred small
 * footer whose text is `footerText(page, pages)`.
 */
export async function renderA4Pdf(
  doc: Pick<TDocumentDefinitions, 'info' | 'content'> & {
    footerText: (page: number, pages: number) => string;
  },
): Promise<Buffer> {
  configure();
  const { footerText, ...rest } = doc;
  const full: TDocumentDefinitions = {
    ...rest,
    pageSize: 'A4',
    pageMargins: [50, 60, 50, 60],
    defaultStyle: { font: 'Helvetica', fontSize: 10, lineHeight: 1.2 },
    styles: {
      h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      small: { fontSize: 8, color: '#555555' },
    },
    footer: (page, pages) => ({
      text: footerText(page, pages),
      style: 'small',
      alignment: 'center',
      margin: [0, 20, 0, 0],
    }),
  };
  return pdfmake.createPdf(full).getBuffer();
}
