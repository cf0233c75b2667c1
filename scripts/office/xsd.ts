// Validates an add-in manifest offline against the official add-in manifest schemas vendored in
// office-addin/manifest-schema/ ([MS-OWEMXML]), with libxml2's xmllint compiled to WebAssembly (xmllint-wasm).
// The vendored files are kept byte-for-byte as Microsoft published them; the two repairs they need to compile
// are applied here, in memory, and described in that folder's README. Do not break: a schema that fails to
// compile is an error, never a pass.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';

export const SCHEMA_DIR = resolve(import.meta.dirname, '../../office-addin/manifest-schema');
const MAIN = 'OfficeAppManifestV1_1.xsd';
const IMPORTED = [
  'OfficeAppBasicTypesV1_0.xsd',
  'TaskPaneAppVersionOverridesV1_0.xsd',
  'MailAppVersionOverridesV1_0.xsd',
  'MailAppVersionOverridesV1_1.xsd',
];

/**
 * Repair 1: four of the published files declare the XML Schema namespace as `https://www.w3.org/2001/XMLSchema`;
 * the namespace is `http://…` (a name, not a URL), and no schema processor accepts the https spelling
 * (OfficeDev/office-js#635). Repair 2: the Version pattern ends in `{0,3}?`, a lazy quantifier, which XML Schema
 * regular expressions do not have; patterns match whole values, so dropping the `?` accepts exactly the same
 * versions. Repair 3: the manifest schema imports a content add-in schema that was never published beside it;
 * a TaskPaneApp never uses it, so an open stand-in declares its one element.
 */
const XS_HTTPS = /xmlns:xs="https:\/\/www\.w3\.org\/2001\/XMLSchema"/g;
const LAZY_VERSION = '(\\.[0-9]{1,5}){0,3}?"';
const CONTENT_STAND_IN = `<?xml version="1.0" encoding="utf-8"?>
<xs:schema targetNamespace="http://schemas.microsoft.com/office/contentappversionoverrides"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xs:element name="VersionOverrides">
    <xs:complexType>
      <xs:sequence><xs:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
      <xs:anyAttribute processContents="lax"/>
    </xs:complexType>
  </xs:element>
</xs:schema>`;

function schemaFile(name: string) {
  const text = readFileSync(join(SCHEMA_DIR, name), 'utf8');
  const contents = text
    .replace(XS_HTTPS, 'xmlns:xs="http://www.w3.org/2001/XMLSchema"')
    .replaceAll(LAZY_VERSION, LAZY_VERSION.replace('}?"', '}"'));
  return { fileName: name, contents };
}

/** `{http://namespace}Element` → `Element`: the namespaces are the manifest's own and only add noise. */
const stripNamespaces = (message: string) => message.replace(/\{[^}]+\}/g, '');

/** Every schema violation as "line N: message"; empty when the manifest is valid. */
export async function xsdErrors(xml: string, fileName = 'manifest.xml'): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [schemaFile(MAIN)],
    preload: [
      ...IMPORTED.map(schemaFile),
      { fileName: 'ContentAppVersionOverridesV1_0.xsd', contents: CONTENT_STAND_IN },
    ],
  });
  if (result.valid) return [];
  return result.errors.map((e) => {
    const where = e.loc?.lineNumber ? `line ${e.loc.lineNumber}: ` : '';
    return `${where}${stripNamespaces(e.message.replace(/^.*?Schemas (validity|parser) error : /, ''))}`;
  });
}
