using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace PartnerHub.Api.Tests.Infrastructure;

/// <summary>A logger provider that keeps every line: message, every structured value, scopes and exception text.</summary>
public sealed class LogSink : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(string category, LogSink sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => sink._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder().Append(logLevel).Append(' ').Append(category).Append(": ").Append(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    line.Append(" | ").Append(key).Append('=').Append(value);
                }
            }

            sink._scopes.ForEachScope(AppendScope, line);
            if (exception is not null)
            {
                line.Append(" | ").Append(exception);
            }

            sink._lines.Enqueue(line.ToString());
        }

        // A structured scope (a dictionary, a message template's state) is written with its values, as a JSON or OTLP exporter would.
        private static void AppendScope(object? scope, StringBuilder builder)
        {
            builder.Append(" | scope=").Append(scope);
            if (scope is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    builder.Append(' ').Append(key).Append('=').Append(value);
                }
            }
        }
    }
}
