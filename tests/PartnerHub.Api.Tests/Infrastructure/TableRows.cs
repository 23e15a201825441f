using Azure.Data.Tables;

namespace PartnerHub.Api.Tests.Infrastructure;

/// <summary>Reads a test table whole, for assertions on what a workflow left behind (the audit, above all).</summary>
public static class TableRows
{
    public static async Task<List<TableEntity>> AllAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
