using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PartnerHub.Api.Rest;

/// <summary>Declares the Entra bearer scheme in the OpenAPI document, so Scalar offers a token field.</summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[RestApi.AuthenticationScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = $"An Entra ID access token for PartnerHub's API: delegated with scope '{RestApi.DelegatedScope}', or app-only with app role '{RestApi.IntegrationAppRole}'.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(RestApi.AuthenticationScheme, document)] = [],
        });
        return Task.CompletedTask;
    }
}
