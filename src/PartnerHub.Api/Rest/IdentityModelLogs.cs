using Microsoft.IdentityModel.Abstractions;
using Microsoft.IdentityModel.Logging;

namespace PartnerHub.Api.Rest;

/// <summary>
/// IdentityModel's own log lines (every rejected token, REST or bot, is one) at Warning at most. Left to itself,
/// Microsoft.Identity.Web forwards them with IdentityModel's levels, so anyone on the internet could fill the error log
/// (and page whoever watches it) with forged tokens. A genuine fault, such as metadata that cannot be fetched, is still
/// reported at Error by ASP.NET Core's authentication handler. IdentityModel's logger is process-wide; setting it before
/// the first request also keeps Microsoft.Identity.Web from installing its own.
/// </summary>
internal sealed partial class IdentityModelLogs(ILogger logger) : IIdentityLogger
{
    public const string Category = "Microsoft.IdentityModel";

    public static void Install(ILoggerFactory loggerFactory) =>
        LogHelper.Logger = new IdentityModelLogs(loggerFactory.CreateLogger(Category));

    public bool IsEnabled(EventLogLevel eventLogLevel) => logger.IsEnabled(LevelFor(eventLogLevel));

    public void Log(LogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var level = LevelFor(entry.EventLogLevel);
        if (logger.IsEnabled(level))
        {
            Write(logger, level, entry.Message ?? string.Empty);
        }
    }

    private static LogLevel LevelFor(EventLogLevel level) => level switch
    {
        EventLogLevel.Critical or EventLogLevel.Error or EventLogLevel.Warning => LogLevel.Warning,
        EventLogLevel.Informational => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    [LoggerMessage(Message = "{Message}")]
    private static partial void Write(ILogger logger, LogLevel level, string message);
}
