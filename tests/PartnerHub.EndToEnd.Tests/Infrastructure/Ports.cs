using System.Net;
using System.Net.Sockets;

namespace PartnerHub.EndToEnd.Tests.Infrastructure;

public static class Ports
{
    /// <summary>A loopback port free right now (the OS picks it); the caller binds it soon after.</summary>
    public static int GetFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsListening(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Polls until the port answers (<paramref name="listening"/>) or stops answering.</summary>
    public static async Task WaitAsync(int port, bool listening, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (IsListening(port) != listening)
        {
            try
            {
                await Task.Delay(100, cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Port {port} did not {(listening ? "open" : "close")} within {timeout}.");
            }
        }
    }
}
