extern alias api;

using api::PartnerHub.Api.Storage;
using api::PartnerHub.Api.Storage.Outbox;
using Azure.Storage.Queues;

namespace PartnerHub.Bench;

/// <summary>
/// The worker a deployment with the outbox loop off has elsewhere. Such an API sends each change's nudge to the outbox
/// queue for another host's dispatcher; with none here the messages piled up in Azurite, whose queue clean-up walks
/// every message once a minute on its only thread (5,258 messages: 73 ms; 16,030: 646 ms, growing faster than the
/// count; 2026-12-06 04:17), stalling every table call of the modes after for seconds. This receives and deletes them
/// as that worker's dispatcher would, in the benchmark's process.
/// </summary>
public sealed class NudgeDrain : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private volatile bool _finishing;

    public NudgeDrain(string tablePrefix)
    {
        var queue = new QueueClient("UseDevelopmentStorage=true", TableStore.QueueName(tablePrefix, new OutboxOptions().QueueName));
        _loop = Task.Run(() => RunAsync(queue, _stop.Token));
    }

    private async Task RunAsync(QueueClient queue, CancellationToken stop)
    {
        try
        {
            // Once its API stops, what is left is drained too, so no mode leaves messages to the modes after it.
            while (!stop.IsCancellationRequested && (await DrainOnceAsync(queue, stop) > 0 || !_finishing))
            {
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped with its API.
        }
    }

    /// <summary>One batch received and deleted; how many.</summary>
    private async Task<int> DrainOnceAsync(QueueClient queue, CancellationToken stop)
    {
        try
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), stop)).Value;
            await Task.WhenAll(messages.Select(m => queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, stop)));
            if (messages.Length == 0 && !_finishing)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), stop);
            }

            return messages.Length;
        }
        catch (Azure.RequestFailedException)
        {
            // The queue is made by the API's first nudge; until then there is nothing to drain.
            if (!_finishing)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }

            return 0;
        }
    }

    /// <summary>Drains what is left (at most two minutes), then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _finishing = true;
        _stop.CancelAfter(TimeSpan.FromMinutes(2));
        await _loop;
        _stop.Dispose();
    }
}
