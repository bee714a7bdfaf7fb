/**
 * Reads an OData `$metadata` document (EDMX for v4, and the v2/v3 CSDL) with fast-xml-parser, a maintained
 * XML parser bundled into the script. Gives each entity set's key and its columns in declared order, with
 * complex properties flattened into `Parent.Child` columns the same way the flattener names them.
 */
import { XMLParser } from 'fast-xml-parser';
import { AddOnError } from '../errors';

interface EdmProperty {
  name: string;
  type: string;
  nullable: boolean;
}

interface StructuredType {
  name: string;
  baseType: string | null;
  key: string[];
  properties: EdmProperty[];
}

export interface ServiceMetadata {
  /** 'v4' for EDMX 4.0; 'legacy' for the v2/v3 CSDL (they ask for a count with `$inlinecount`, not `$count`). */
  version: 'v4' | 'legacy';
  /** Entity set name → qualified entity type name. */
  entitySets: Record<string, string>;
  /** Qualified name (namespace and, where declared, alias) → entity or complex type. */
  types: Record<string, StructuredType>;
}

/** The literal syntax of the service's filters: EDMX 4.0 is v4; the older CSDL (v2, v3) is the v2 family. */
export function filterDialect(metadata: ServiceMetadata | null | undefined): 'v4' | 'v2' {
  return metadata && metadata.version === 'legacy' ? 'v2' : 'v4';
}

interface ColumnSchema {
  /** Column name as written in the header: `Owner.Name` for a member of a complex property. */
  name: string;
  /** `Edm.*` primitive, `Collection(...)`, or another type name the flattener treats as text. */
  type: string;
}

export interface EntitySetSchema {
  entitySet: string;
  key: string[];
  columns: ColumnSchema[];
}

const ARRAY_ELEMENTS = ['Schema', 'EntityType', 'ComplexType', 'Property', 'PropertyRef', 'EntitySet', 'EntityContainer'];

type XmlNode = Record<string, unknown>;

function list(node: unknown, name: string): XmlNode[] {
  const v = node && typeof node === 'object' ? (node as XmlNode)[name] : undefined;
  return Array.isArray(v) ? (v as XmlNode[]) : [];
}

function attr(node: XmlNode, name: string): string | null {
  const v = node[name];
  return typeof v === 'string' ? v : null;
}

/** OData v2 has no date-only type; SAP-style services mark date-only Edm.DateTime with sap:display-format="Date". */
function propertyType(p: XmlNode): string {
  const type = attr(p, 'Type') || 'Edm.String';
  return type === 'Edm.DateTime' && attr(p, 'display-format') === 'Date' ? 'Edm.Date' : type;
}

export function parseMetadata(xml: string): ServiceMetadata {
  let doc: XmlNode;
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      removeNSPrefix: true,
      parseAttributeValue: false,
      processEntities: true,
      isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ARRAY_ELEMENTS.indexOf(name) >= 0,
    });
    doc = parser.parse(xml) as XmlNode;
  } catch (e) {
    throw new AddOnError('BAD_RESPONSE', 'The OData $metadata document could not be read as XML.', { cause: String(e) });
  }
  const edmx = doc.Edmx as XmlNode | undefined;
  const dataServices = edmx && (edmx.DataServices as XmlNode | undefined);
  if (!dataServices) throw new AddOnError('BAD_RESPONSE', 'The OData $metadata document has no DataServices section.');

  const meta: ServiceMetadata = { version: attr(edmx as XmlNode, 'Version') === '4.0' ? 'v4' : 'legacy', entitySets: {}, types: {} };
  for (const schema of list(dataServices, 'Schema')) {
    const namespace = attr(schema, 'Namespace') || '';
    const alias = attr(schema, 'Alias');
    const register = (node: XmlNode) => {
      const name = attr(node, 'Name');
      if (!name) return;
      const type: StructuredType = {
        name,
        baseType: attr(node, 'BaseType'),
        key: list(node.Key, 'PropertyRef').map((r) => attr(r, 'Name') || '').filter(Boolean),
        properties: list(node, 'Property').map((p) => ({
          name: attr(p, 'Name') || '',
          type: propertyType(p),
          nullable: attr(p, 'Nullable') !== 'false',
        })),
      };
      meta.types[`${namespace}.${name}`] = type;
      if (alias) meta.types[`${alias}.${name}`] = type;
    };
    list(schema, 'EntityType').forEach(register);
    list(schema, 'ComplexType').forEach(register);
    for (const container of list(schema, 'EntityContainer')) {
      for (const set of list(container, 'EntitySet')) {
        const name = attr(set, 'Name');
        const type = attr(set, 'EntityType');
        if (name && type) meta.entitySets[name] = type;
      }
    }
  }
  return meta;
}

/** Properties of a type including those inherited from base types (base first, as OData orders them). */
function allProperties(meta: ServiceMetadata, type: StructuredType, depth = 0): { key: string[]; properties: EdmProperty[] } {
  const base = type.baseType && depth < 10 ? meta.types[type.baseType] : undefined;
  if (!base) return { key: type.key, properties: type.properties };
  const inherited = allProperties(meta, base, depth + 1);
  return { key: type.key.length ? type.key : inherited.key, properties: inherited.properties.concat(type.properties) };
}

const MAX_COMPLEX_DEPTH = 5;

function flattenColumns(meta: ServiceMetadata, properties: EdmProperty[], prefix: string, depth: number, out: ColumnSchema[]): void {
  for (const p of properties) {
    const name = prefix + p.name;
    const complex = meta.types[p.type];
    if (complex && depth < MAX_COMPLEX_DEPTH) {
      flattenColumns(meta, allProperties(meta, complex).properties, name + '.', depth + 1, out);
    } else {
      out.push({ name, type: p.type });
    }
  }
}

/** The schema of one entity set, or null when the metadata does not describe it. */
export function describeEntitySet(meta: ServiceMetadata, entitySet: string): EntitySetSchema | null {
  let typeName = meta.entitySets[entitySet];
  if (!typeName) {
    // Entity set names are case-sensitive in OData, but users type them by hand.
    const match = Object.keys(meta.entitySets).filter((n) => n.toLowerCase() === entitySet.toLowerCase());
    if (match.length !== 1) return null;
    entitySet = match[0];
    typeName = meta.entitySets[entitySet];
  }
  const type = meta.types[typeName];
  if (!type) return null;
  const { key, properties } = allProperties(meta, type);
  const columns: ColumnSchema[] = [];
  flattenColumns(meta, properties, '', 0, columns);
  return { entitySet, key, columns };
}
