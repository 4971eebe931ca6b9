/**
 * The one place pdfmake is set up on the server: the standard 14 PDF fonts (nothing to ship or load),
 * no remote URLs and no local files (a document never pulls in an external resource, so nothing a
 * user typed can make the server fetch or read anything), uncompressed streams and Jaring's metadata.
 */
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

/** pdfkit resolves these names to its built-in AFM metrics; they are the only "files" a document may name. */
const STANDARD_FONTS = new Set(['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Helvetica-BoldOblique']);

/** pdfmake is a process-wide singleton; setting it before every render keeps these rules in force. */
function configurePdfmake(): void {
  pdfmake.setFonts({
    Helvetica: { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  // pdfmake passes font names through the local policy too, so deny-all would refuse Helvetica itself.
  pdfmake.setLocalAccessPolicy((path) => STANDARD_FONTS.has(path));
}

export interface PdfMetadata {
  title: string;
  subject: string;
}

export type PdfDocument = Omit<TDocumentDefinitions, 'info' | 'compress'> & { info: PdfMetadata };

/** Renders a document definition to PDF bytes (Helvetica, uncompressed, author and creator "Jaring"). */
export async function renderPdf(doc: PdfDocument): Promise<Buffer> {
  configurePdfmake();
  const definition: TDocumentDefinitions = {
    ...doc,
    // Uncompressed content streams keep the text readable by tests; these documents are small.
    compress: false,
    info: { ...doc.info, author: 'Jaring', creator: 'Jaring', producer: 'Jaring' },
    defaultStyle: { font: 'Helvetica', ...doc.defaultStyle },
  };
  return pdfmake.createPdf(definition).getBuffer();
}
