using System.Net;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace PartnerHub.Api.Graph;

/// <summary>Builds the one GraphServiceClient the gateways share: app-only token, SDK middleware, overridable base URL.</summary>
public static class GraphClientBuilder
{
    /// <summary>App permissions are asked for as ".default": the consented set, never per-call scopes.</summary>
    public const string GraphScope = "https://graph.microsoft.com/.default";

    /// <summary>Client credentials from configuration: a certificate when one is given (no secret to leak), else the secret.</summary>
    /// <param name="tokenClient">The HTTP client for Entra's token endpoint; null for Azure.Identity's own.</param>
    public static TokenCredential CreateCredential(GraphOptions options, HttpClient? tokenClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
        {
            throw new InvalidOperationException("Graph is not configured: TenantId, ClientId and ClientSecret or CertificatePath are needed.");
        }

        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
            var certificateOptions = new ClientCertificateCredentialOptions();
            Configure(certificateOptions, options, tokenClient);
            return new ClientCertificateCredential(options.TenantId, options.ClientId, certificate, certificateOptions);
        }

        var secretOptions = new ClientSecretCredentialOptions();
        Configure(secretOptions, options, tokenClient);
        return new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret, secretOptions);
    }

    private static void Configure(TokenCredentialOptions credential, GraphOptions options, HttpClient? tokenClient)
    {
        if (options.AuthorityHost is { } authority)
        {
            credential.AuthorityHost = authority;
        }

        if (tokenClient is not null)
        {
            credential.Transport = new HttpClientTransport(tokenClient);
        }

        // A host that is not one of Entra's clouds (a test stub) cannot answer MSAL's instance discovery.
        var knownCloud = options.AuthorityHost is null
            || options.AuthorityHost == AzureAuthorityHosts.AzurePublicCloud
            || options.AuthorityHost == AzureAuthorityHosts.AzureGovernment
            || options.AuthorityHost == AzureAuthorityHosts.AzureChina;
        if (!knownCloud)
        {
            switch (credential)
            {
                case ClientSecretCredentialOptions secret:
                    secret.DisableInstanceDiscovery = true;
                    break;
                case ClientCertificateCredentialOptions certificate:
                    certificate.DisableInstanceDiscovery = true;
                    break;
            }
        }
    }

    /// <param name="primaryHandler">The socket handler at the bottom of the pipeline; tests leave it null.</param>
    public static GraphServiceClient Create(GraphOptions options, TokenCredential credential, ILogger logger, HttpMessageHandler? primaryHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseUrl = options.BaseUrl.TrimEnd('/');
        var baseUri = new Uri(baseUrl);

        // The bearer token goes to the Graph host only: an upload URL or a foreign link never gets it.
        var authentication = new AzureIdentityAuthenticationProvider(credential, [baseUri.Host], null, true, GraphScope);

        // The SDK's default middleware: RetryHandler (429/503/504, honouring Retry-After), redirects, compression, telemetry.
        var handlers = GraphClientFactory.CreateDefaultHandlers();
        var retryIndex = -1;
        for (var i = 0; i < handlers.Count; i++)
        {
            if (handlers[i] is RetryHandler)
            {
                handlers[i] = new RetryHandler(new RetryHandlerOption { MaxRetry = options.MaxRetries });
                retryIndex = i;
            }
        }

        // Beneath the retry handler, so every attempt (not only the last) is seen and the throttling is visible in logs.
        handlers.Insert(retryIndex + 1, new TransientResponseLogHandler(logger));
        var httpClient = GraphClientFactory.Create(handlers, finalHandler: primaryHandler);
        return new GraphServiceClient(httpClient, authentication, baseUrl);
    }

    /// <summary>Logs each 429/503/504 Graph answers, with the status and Retry-After only (no URL: it can hold a filter value).</summary>
    private sealed class TransientResponseLogHandler(ILogger logger) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
            {
                var retryAfter = response.Headers.RetryAfter?.ToString() ?? "none";
                GraphLog.Transient(logger, (int)response.StatusCode, retryAfter);
            }

            return response;
        }
    }
}
