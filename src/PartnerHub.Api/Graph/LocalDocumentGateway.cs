namespace PartnerHub.Api.Graph;

/// <summary>
/// The local demo's document library: files kept in memory under the same path rules as SharePoint (names checked the
/// same way, same name replaces), so a demo upload that works here would work against Graph.
/// </summary>
public sealed class LocalDocumentGateway : IDocumentGateway
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Id, byte[] Content, string ContentType)> _files = new(StringComparer.OrdinalIgnoreCase);

    public async Task<StoredDocument> UploadAsync(string folder, string fileName, Stream content, long length, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var path = DocumentPath.Combine(folder, fileName);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length != length)
        {
            throw new ArgumentException("The stream does not hold the number of bytes given as its length.", nameof(length));
        }

        lock (_gate)
        {
            var id = _files.TryGetValue(path, out var existing) ? existing.Id : "local-item-" + Guid.NewGuid().ToString("N");
            _files[path] = (id, buffer.ToArray(), contentType);
            return new StoredDocument(id, "local-library:/" + path, length);
        }
    }

    public Task DeleteAsync(string driveItemId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var path in _files.Where(file => file.Value.Id == driveItemId).Select(file => file.Key).ToList())
            {
                _files.Remove(path);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The stored bytes, for the demo to serve and tests to check; null when nothing is at that path.</summary>
    public byte[]? Read(string folder, string fileName)
    {
        lock (_gate)
        {
            return _files.TryGetValue(DocumentPath.Combine(folder, fileName), out var file) ? file.Content : null;
        }
    }
}
