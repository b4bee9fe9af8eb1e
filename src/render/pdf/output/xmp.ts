// The XMP metadata packets the PDF carries: the document information as pdfkit's template lays it out,
// every value escaped, and what PDF/UA-1, PDF/X-4 and PDF/A-2b add to it.
import { escapeXml } from '../../../support/xml.js';

/** Text for XML content: the shared escaper, for a value of the information dictionary. */
const xmlText = (value: unknown): string => escapeXml(String(value));

/** One Dublin Core property as pdfkit's template writes it: the value in an rdf:Alt or rdf:Seq of one item. */
function dcProperty(name: string, container: 'Alt' | 'Seq' | 'Bag', value: string | Date, itemAttributes: string): string {
  return `
                <dc:${name}>
                    <rdf:${container}>
                        <rdf:li${itemAttributes}>${xmlText(value)}</rdf:li>
                    </rdf:${container}>
                </dc:${name}>
                \n`;
}

/** The XMP a PDF/X file adds: its version, the trapped flag and the document's ids (xmpInfo has the dates). */
export function xmpPdfx(version: string, fileId: Uint8Array): string {
  const hex = Buffer.from(fileId).toString('hex');
  const uuid = `uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  return `
        <rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
            <pdfxid:GTS_PDFXVersion>${xmlText(version)}</pdfxid:GTS_PDFXVersion>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:Trapped>False</pdf:Trapped>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
            <xmpMM:DocumentID>${uuid}</xmpMM:DocumentID>
            <xmpMM:InstanceID>${uuid}</xmpMM:InstanceID>
            <xmpMM:VersionID>1</xmpMM:VersionID>
            <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
        </rdf:Description>
        `;
}

/**
 * The XMP a PDF/A-2b file adds: its identification, and the description of the one schema it uses that
 * PDF/A does not predefine (PDF/UA's pdfuaid), as PDF/A asks of extension schemas.
 */
export const XMP_PDFA = `
        <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
            <pdfaid:part>2</pdfaid:part>
            <pdfaid:conformance>B</pdfaid:conformance>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
            <pdfaExtension:schemas>
                <rdf:Bag>
                    <rdf:li rdf:parseType="Resource">
                        <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
                        <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
                        <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
                        <pdfaSchema:property>
                            <rdf:Seq>
                                <rdf:li rdf:parseType="Resource">
                                    <pdfaProperty:name>part</pdfaProperty:name>
                                    <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
                                    <pdfaProperty:category>internal</pdfaProperty:category>
                                    <pdfaProperty:description>The part of ISO 14289 the file conforms to</pdfaProperty:description>
                                </rdf:li>
                            </rdf:Seq>
                        </pdfaSchema:property>
                    </rdf:li>
                </rdf:Bag>
            </pdfaExtension:schemas>
        </rdf:Description>
        `;

/** XMP's date form: ISO 8601 to the second, in UTC. */
function xmpDate(date: string | Date | undefined): string {
  return (date instanceof Date ? date : new Date(0)).toISOString().split('.')[0] + 'Z';
}

/**
 * The document information as pdfkit lays it out in the XMP packet (its template), every value escaped,
 * completed with what PDF/UA-1 asks of it: the language (dc:language), the modification and metadata
 * dates, the format, and the PDF/UA identification (pdfuaid:part 1).
 */
export function xmpInfo(info: Record<string, string | Date>, lang: string): string {
  let xml = `
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:CreateDate>${xmpDate(info.CreationDate)}</xmp:CreateDate>
            <xmp:ModifyDate>${xmpDate(info.ModDate ?? info.CreationDate)}</xmp:ModifyDate>
            <xmp:MetadataDate>${xmpDate(info.ModDate ?? info.CreationDate)}</xmp:MetadataDate>
            <xmp:CreatorTool>${xmlText(info.Creator)}</xmp:CreatorTool>
        </rdf:Description>
        \n`;
  xml += `
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
                <dc:format>application/pdf</dc:format>
            \n`;
  if (info.Title) xml += dcProperty('title', 'Alt', info.Title, ' xml:lang="x-default"');
  if (info.Author) xml += dcProperty('creator', 'Seq', info.Author, '');
  if (info.Subject) xml += dcProperty('description', 'Alt', info.Subject, ' xml:lang="x-default"');
  xml += dcProperty('language', 'Bag', lang, '');
  xml += `
            </rdf:Description>
            \n`;
  xml += `
        <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:Producer>${xmlText(info.Producer)}</pdf:Producer>`;
  if (info.Keywords) {
    xml += `
            <pdf:Keywords>${xmlText(info.Keywords)}</pdf:Keywords>`;
  }
  xml += `
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>
        `;
  return xml;
}
