using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace SessionKit.Silo.Storage.Postgres;

/// <summary>
/// Data-protection keys in the database rather than in each node's data directory, so a login cookie
/// issued by one node is accepted by every other. Keys are stored as ASP.NET Core writes them (not
/// encrypted at rest, as the file system repository on Linux does not either): guard access to the database.
/// </summary>
internal sealed class PostgresXmlRepository(PostgresDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        database.Run<IReadOnlyCollection<XElement>>(dataSource =>
        {
            using var command = dataSource.CreateCommand("SELECT xml FROM dataprotection_keys ORDER BY id");
            using var reader = command.ExecuteReader();
            var elements = new List<XElement>();
            while (reader.Read())
            {
                elements.Add(XElement.Parse(reader.GetString(0)));
            }

            return elements;
        });

    public void StoreElement(XElement element, string friendlyName) =>
        database.Run(dataSource =>
        {
            using var command = dataSource.CreateCommand("INSERT INTO dataprotection_keys (friendly_name, xml) VALUES (@friendly_name, @xml)")
                .With("friendly_name", friendlyName)
                .With("xml", element.ToString(SaveOptions.DisableFormatting));
            return command.ExecuteNonQuery();
        });
}
