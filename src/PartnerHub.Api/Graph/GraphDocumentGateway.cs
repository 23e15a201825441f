using Microsoft.Graph;
using Microsoft.Graph.Drives.Item.Items.Item.CreateUploadSession;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions.Serialization;

namespace PartnerHub.Api.Graph;

/// <summary>The project's SharePoint document library (app permission Sites.ReadWrite.All, or Sites.Selected on that site).</summary>
public sealed class GraphDocumentGateway(GraphServiceClient graph, GraphOptions options, ILogger<GraphDocumentGateway> logger) : IDocumentGateway
{
    private static readonly Dictionary<string, ParsableFactory<IParsable>> ErrorMapping = new()
    {
        ["XXX"] = ODataError.CreateFromDiscriminatorValue,
    };

    /// <summary>
    /// Up to 4 MiB: PUT /drives/{drive}/root:/{path}:/content. Above: POST …:/createUploadSession, then the SDK's
    /// LargeFileUploadTask PUTs the chunks to the session's uploadUrl with Content-Range and without the bearer token
    /// (the URL is pre-authenticated; Graph rejects a token there). Both replace a file of the same name, so a retry of
    /// the same upload lands on the same item.
    /// </summary>
    public async Task<StoredDocument> UploadAsync(string folder, string fileName, Stream content, long length, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var driveId = options.DriveId is { Length: > 0 } drive
            ? drive
            : throw new InvalidOperationException("Graph:DriveId is not configured: there is no document library to upload to.");
        var path = DocumentPath.Combine(folder, fileName);
        var item = graph.Drives[driveId].Root.ItemWithPath(path);

        DriveItem? stored;
        if (length <= GraphOptions.SimpleUploadLimit)
        {
            // Built by hand only to send the file's own Content-Type: the generated PutAsync always says octet-stream.
            var put = item.Content.ToPutRequestInformation(content);
            put.Headers.Remove("Content-Type");
            put.SetStreamContent(content, contentType);
            stored = await graph.RequestAdapter.SendAsync(put, DriveItem.CreateFromDiscriminatorValue, ErrorMapping, cancellationToken);
        }
        else
        {
            stored = await UploadInChunksAsync(item, fileName, content, length, cancellationToken);
        }

        return stored is { Id: { } id }
            ? new StoredDocument(id, stored.WebUrl ?? string.Empty, stored.Size ?? length)
            : throw new InvalidOperationException("Graph returned no drive item for the upload.");
    }

    /// <summary>DELETE /drives/{drive}/items/{id}: SharePoint keeps it in the site's recycle bin for its retention; 404 is done.</summary>
    public async Task DeleteAsync(string driveItemId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(driveItemId);
        var driveId = options.DriveId is { Length: > 0 } drive
            ? drive
            : throw new InvalidOperationException("Graph:DriveId is not configured: there is no document library to delete from.");
        try
        {
            await graph.Drives[driveId].Items[driveItemId].DeleteAsync(cancellationToken: cancellationToken);
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
            // Deleted before: by a retry of this delivery, or by hand in SharePoint.
        }
    }

    private async Task<DriveItem?> UploadInChunksAsync(CustomDriveItemItemRequestBuilder item, string fileName, Stream content, long length, CancellationToken cancellationToken)
    {
        var chunkBytes = options.UploadChunkBytes;
        if (chunkBytes <= 0 || chunkBytes % GraphOptions.UploadChunkUnit != 0)
        {
            throw new InvalidOperationException("Graph:UploadChunkBytes must be a positive multiple of 320 KiB (327,680 bytes).");
        }

        var session = await item.CreateUploadSession.PostAsync(
            new CreateUploadSessionPostRequestBody
            {
                Item = new DriveItemUploadableProperties
                {
                    Name = fileName,
                    AdditionalData = new Dictionary<string, object> { ["@microsoft.graph.conflictBehavior"] = "replace" },
                },
            },
            cancellationToken: cancellationToken) ?? throw new InvalidOperationException("Graph returned no upload session.");

        // The upload task slices by seeking, so a forward-only stream is spooled to a temporary file first.
        Stream seekable = content;
        FileStream? spool = null;
        if (!content.CanSeek)
        {
            spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            await content.CopyToAsync(spool, cancellationToken);
            spool.Position = 0;
            seekable = spool;
        }

        try
        {
            if (seekable.Length - seekable.Position != length)
            {
                throw new ArgumentException("The stream does not hold the number of bytes given as its length.", nameof(length));
            }

            GraphLog.UploadSession(logger, length, chunkBytes);

            // No request adapter is passed: the task then makes its own without authentication, as the uploadUrl wants.
            var upload = new LargeFileUploadTask<DriveItem>(session, seekable, chunkBytes);
            var result = await upload.UploadAsync(cancellationToken: cancellationToken);
            return result.UploadSucceeded
                ? result.ItemResponse
                : throw new InvalidOperationException("The upload session did not complete.");
        }
        finally
        {
            if (spool is not null)
            {
                await spool.DisposeAsync();
            }
        }
    }
}
