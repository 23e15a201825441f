using System.Text.Json;
using Azure.Data.Tables;

namespace PartnerHub.Api.Storage;

/// <summary>
/// The only queries a request path may run: a point read, or a row-key prefix range inside one partition.
/// Filters are built with <see cref="TableClient.CreateQueryFilter(FormattableString)"/>, so no value is ever spliced in unescaped.
/// </summary>
public static class TableQueries
{
    /// <summary>Every row of one partition: for small index partitions whose rows are all wanted (a tenant's projects).</summary>
    public static string Partition(string partitionKey) => TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");

    public static string Prefix(string partitionKey, string rowKeyPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(rowKeyPrefix);
        // Every key with the prefix sorts at or after the prefix and before the prefix with its last character raised by one.
        var upper = rowKeyPrefix[..^1] + (char)(rowKeyPrefix[^1] + 1);
        return TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {rowKeyPrefix} and RowKey lt {upper}");
    }

    /// <summary>The keys from <paramref name="first"/> to <paramref name="last"/> inclusive: a bounded keyed range (e.g. a period's month rows).</summary>
    public static string Range(string partitionKey, string first, string last) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {first} and RowKey le {last}");

    /// <summary>The keys with the prefix that sort at or after <paramref name="from"/> (a longer key under the same prefix).</summary>
    public static string PrefixFrom(string partitionKey, string rowKeyPrefix, string from)
    {
        ArgumentException.ThrowIfNullOrEmpty(rowKeyPrefix);
        if (!from.StartsWith(rowKeyPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException("The start key must lie under the prefix.", nameof(from));
        }

        var upper = rowKeyPrefix[..^1] + (char)(rowKeyPrefix[^1] + 1);
        return TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {from} and RowKey lt {upper}");
    }
}

/// <summary>Lists and small records stored as JSON in one string column.</summary>
public static class JsonColumn
{
    public static string Write<T>(IReadOnlyList<T> values) => JsonSerializer.Serialize(values);

    public static IReadOnlyList<string> ReadList(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];
}
