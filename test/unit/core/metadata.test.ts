import { describeEntitySet, parseMetadata } from '../../../src/core/odata/metadata';

const V4 = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="TrueClicks.Model" Alias="tc" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <ComplexType Name="Person"><Property Name="Name" Type="Edm.String"/><Property Name="Email" Type="Edm.String"/></ComplexType>
      <EntityType Name="Base" Abstract="true"><Key><PropertyRef Name="AccountId"/></Key><Property Name="AccountId" Type="Edm.Int32" Nullable="false"/></EntityType>
      <EntityType Name="Account" BaseType="tc.Base">
        <Property Name="Name" Type="Edm.String"/>
        <Property Name="Owner" Type="TrueClicks.Model.Person"/>
        <Property Name="Labels" Type="Collection(Edm.String)"/>
        <Property Name="LastUpdated" Type="Edm.DateTimeOffset"/>
        <NavigationProperty Name="Checks" Type="Collection(TrueClicks.Model.Check)"/>
      </EntityType>
      <EntityContainer Name="Container"><EntitySet Name="Accounts" EntityType="TrueClicks.Model.Account"/></EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>`;

const V2 = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">
  <edmx:DataServices m:DataServiceVersion="2.0">
    <Schema Namespace="Sandbox" xmlns="http://schemas.microsoft.com/ado/2008/09/edm">
      <EntityType Name="Task"><Key><PropertyRef Name="TaskId"/></Key>
        <Property Name="TaskId" Type="Edm.Int32" Nullable="false"/><Property Name="DueDate" Type="Edm.DateTime"/>
      </EntityType>
    </Schema>
    <Schema Namespace="Sandbox.Container" xmlns="http://schemas.microsoft.com/ado/2008/09/edm">
      <EntityContainer Name="C" m:IsDefaultEntityContainer="true"><EntitySet Name="Tasks" EntityType="Sandbox.Task"/></EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>`;

describe('$metadata', () => {
  it('reads a v4 entity set: inherited key, declared order, complex members flattened, navigation ignored', () => {
    const schema = describeEntitySet(parseMetadata(V4), 'Accounts');
    expect(schema).toEqual({
      entitySet: 'Accounts',
      key: ['AccountId'],
      columns: [
        { name: 'AccountId', type: 'Edm.Int32' },
        { name: 'Name', type: 'Edm.String' },
        { name: 'Owner.Name', type: 'Edm.String' },
        { name: 'Owner.Email', type: 'Edm.String' },
        { name: 'Labels', type: 'Collection(Edm.String)' },
        { name: 'LastUpdated', type: 'Edm.DateTimeOffset' },
      ],
    });
  });
  it('reads v2 metadata with the container in another schema', () => {
    const schema = describeEntitySet(parseMetadata(V2), 'Tasks');
    expect(schema && schema.key).toEqual(['TaskId']);
    expect(schema && schema.columns.map((c) => c.type)).toEqual(['Edm.Int32', 'Edm.DateTime']);
  });
  it('matches entity set names case-insensitively and returns null for unknown sets', () => {
    expect(describeEntitySet(parseMetadata(V4), 'accounts')).not.toBeNull();
    expect(describeEntitySet(parseMetadata(V4), 'Nope')).toBeNull();
  });
  it('rejects documents that are not EDMX', () => {
    expect(() => parseMetadata('<html><body>login</body></html>')).toThrow(/DataServices/);
  });
});

describe('SAP date-only DateTime', () => {
  it('reads sap:display-format="Date" as Edm.Date', () => {
    const xml = V2.replace('<Property Name="DueDate" Type="Edm.DateTime"/>', '<Property Name="DueDate" Type="Edm.DateTime" sap:display-format="Date" xmlns:sap="http://www.sap.com/Protocols/SAPData"/>');
    expect(describeEntitySet(parseMetadata(xml), 'Tasks')!.columns[1]).toEqual({ name: 'DueDate', type: 'Edm.Date' });
  });
});
