namespace PartnerHub.Api.Privacy.Subjects;

/// <summary>
/// The one rule for an eraser whose ETag-conditional write of another record than the subject's own (a session she was
/// invited to, a booking she teaches) lost the race to someone else's change: read that record again and erase from
/// what it is now, up to <see cref="Attempts"/> writes in all. A record that keeps changing, or is gone meanwhile, is
/// left for the request's repeat: <see cref="SubjectChangedException"/>, so the subject's own record is not erased
/// and the coordinator is told to send it again (412).
/// </summary>
public static class ErasureRetry
{
    public const int Attempts = 3;

    /// <param name="record">The record as first read.</param>
    /// <param name="erase">Erases her from the record as read: true when written, false when nothing of hers is on it, null when another change won the race (nothing written).</param>
    /// <param name="reread">The record as it is now; null when it is gone.</param>
    /// <returns>Whether anything of hers was erased from it.</returns>
    /// <exception cref="SubjectChangedException">Every attempt lost the race, or the record went meanwhile.</exception>
    public static async Task<bool> EraseAsync<T>(T record, Func<T, Task<bool?>> erase, Func<T, Task<T?>> reread)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(erase);
        ArgumentNullException.ThrowIfNull(reread);
        for (var attempt = 1; ; attempt++)
        {
            if (await erase(record) is { } written)
            {
                return written;
            }

            if (attempt == Attempts || await reread(record) is not { } now)
            {
                throw new SubjectChangedException();
            }

            record = now;
        }
    }
}
