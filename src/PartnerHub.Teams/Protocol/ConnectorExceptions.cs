namespace PartnerHub.Teams.Protocol;

/// <summary>The Connector answered with an error after all retries. Carries no response body (it may hold personal data).</summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException() : this((int?)null, null) { }

    public ConnectorException(string message) : base(message) { }

    public ConnectorException(string message, Exception innerException) : base(message, innerException) { }

    public ConnectorException(int? statusCode, string? errorCode, Exception? innerException = null)
        : base(statusCode is null
            ? $"Connector call failed ({errorCode ?? "no response"})."
            : $"Connector call failed with HTTP {statusCode} ({errorCode ?? "no error code"}).", innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>The final HTTP status, or null when no response arrived (timeout, network).</summary>
    public int? StatusCode { get; }

    /// <summary>The Connector's error.code, sanitised to a short identifier; never free text.</summary>
    public string? ErrorCode { get; }
}

/// <summary>The serviceUrl was not trusted; nothing was sent and no token was fetched.</summary>
public sealed class UntrustedServiceUrlException : Exception
{
    public UntrustedServiceUrlException() : base("The serviceUrl is not trusted; the request was not sent.") { }

    public UntrustedServiceUrlException(string message) : base(message) { }

    public UntrustedServiceUrlException(string message, Exception innerException) : base(message, innerException) { }
}
