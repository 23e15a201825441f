namespace PartnerHub.Api.Storage;

/// <summary>Where shared state lives. Locally Azurite ("UseDevelopmentStorage=true"); in Azure a connection string or, better, the account's endpoints with managed identity.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public string? ConnectionString { get; set; }

    /// <summary>Table endpoint for managed identity (https://{account}.table.core.windows.net), used when no connection string is set.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Queue endpoint for managed identity (https://{account}.queue.core.windows.net).</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Blob endpoint for managed identity (https://{account}.blob.core.windows.net): the private staging container for uploaded files.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Prefix for table names, so tests and environments sharing an account never see each other's rows.</summary>
    public string TablePrefix { get; set; } = string.Empty;
}

public static class TableNames
{
    /// <summary>Attach-a-file requests waiting for the file in the bot chat (PartitionKey = tenant id, RowKey = object id).</summary>
    public const string PendingAttachments = "pendingattachments";

    /// <summary>The programme's records: PartitionKey = project id, RowKey = a typed prefix (project, referral|…, session|…).</summary>
    public const string Main = "partnerhub";
    public const string Conversations = "conversations";
    public const string Audit = "audit";

    /// <summary>Project memberships per person (PartitionKey = tenant id|object id, RowKey = project id): see Rest/TableCallerDirectory.</summary>
    public const string People = "people";

    public static readonly IReadOnlyList<string> All = [Main, Conversations, Audit, People, "graphsubscriptions", PendingAttachments];
}
