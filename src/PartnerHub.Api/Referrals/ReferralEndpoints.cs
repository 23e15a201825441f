using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// REST: the referral workflow for the tab and integrations, through the same <see cref="ReferralService"/> as the
/// cards, so access, audit, idempotency and notifications are identical. Each caller gets her role's view with the
/// cards' privacy: the referrer's organisation sees status only, the assigned mother details and her own notes.
/// </summary>
public static class ReferralEndpoints
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 50;

    private const string Tag = "Referrals";

    private const string RefusedToken = "Not a continuation token from this list. Start again without one.";

    // Enum names that no list value can take: a list element the comma-separated form cannot carry losslessly
    // becomes this, so the form's own validation reports the field instead of silently reading something else.
    private const string UnrepresentableValue = "invalid-value";

    /// <summary>The REST names of the workflow's actions (body <c>action</c>, <c>allowedActions</c>).</summary>
    private static readonly (string Name, ReferralAction Action)[] Actions =
    [
        ("accept", ReferralAction.Accept),
        ("decline", ReferralAction.Decline),
        ("assign", ReferralAction.Assign),
        ("recordContact", ReferralAction.RecordContact),
        ("close", ReferralAction.Close),
        ("withdraw", ReferralAction.Withdraw),
        ("editNotes", ReferralAction.EditNotes),
    ];

    /// <summary>A new referral: the referral form's fields by their ids. Multi-selects are arrays; values are enum names.</summary>
    public sealed record CreateReferralRequest
    {
        public string? FirstName { get; init; }
        public IReadOnlyList<string?>? Languages { get; init; }
        public string? Area { get; init; }
        public string? ContactChannel { get; init; }
        public string? BestTime { get; init; }
        public string? Phone { get; init; }
        public IReadOnlyList<string?>? Needs { get; init; }
        public string? Note { get; init; }
        public string? ConsentGivenBy { get; init; }
        public string? ConsentMethod { get; init; }

        /// <summary>yyyy-MM-dd, within the last 30 days.</summary>
        public string? ConsentDate { get; init; }

        public string? ConsentLanguage { get; init; }
        public bool? ConsentConfirmed { get; init; }
    }

    /// <summary>A step in the workflow. <c>reason</c> for decline, <c>motherId</c> for assign, <c>outcome</c> for close, <c>notes</c> for editNotes.</summary>
    public sealed record TransitionRequest(string? Action, string? Reason, string? MotherId, string? Outcome, string? Notes);

    public sealed record ReferralListResponse(IReadOnlyList<ReferralListItem> Items, string? ContinuationToken);

    /// <summary>A line of "my referrals": what every role that may list it may see.</summary>
    public sealed record ReferralListItem(string Id, string Reference, string? FirstName, string State, DateTimeOffset SubmittedAt, DateTimeOffset LastChangedAt);

    /// <summary>
    /// One referral as the caller may see it. <c>view</c> says which: <c>coordinator</c> (everything),
    /// <c>assignedMother</c> (details and her notes) or <c>status</c> (the referring organisation: no details, no notes).
    /// Absent members are not part of the caller's view. <c>firstName</c> is null once personal data is erased.
    /// </summary>
    public sealed record ReferralResponse(
        string Id,
        string Reference,
        string View,
        string State,
        string? FirstName,
        DateTimeOffset SubmittedAt,
        DateTimeOffset LastChangedAt,
        IReadOnlyList<ReferralTimelineEntry> Timeline,
        IReadOnlyList<string> AllowedActions,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MotherFirstName,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ErasedAt,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ReferralDetails? Details,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MotherNotes);

    public sealed record ReferralTimelineEntry(string State, DateTimeOffset At);

    /// <summary>The personal and case details: the coordinator and the assigned mother only.</summary>
    public sealed record ReferralDetails(
        IReadOnlyList<string> Needs,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Languages,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Area,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ReferralContact? Contact,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ReferralConsent? Consent,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeclineReason,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Outcome,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReferrerOrganisationId,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReferrerObjectId,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AssignedMotherId);

    public sealed record ReferralContact(
        string Channel,
        string BestTime,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Phone);

    public sealed record ReferralConsent(string GivenBy, string Method, DateOnly GivenOn, string ExplainedInLanguage);

    public static RouteGroupBuilder MapReferralEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var referrals = api.MapGroup("/projects/{projectId}/referrals").WithTags(Tag);

        referrals.MapGet("/", ListAsync)
            .RequireProjectMember()
            .Produces<ReferralListResponse>()
            .ProducesValidationProblem()
            .WithName("ListReferrals")
            .WithSummary("The caller's referrals, newest first: the coordinator's project, the mother's assignments, the partner's organisation's.")
            .WithDescription("pageSize 1-50 (default 20). Pass the response's continuationToken back unchanged for the next page; it is bound to the caller.");

        referrals.MapGet("/{referralId}", GetAsync)
            .RequireProjectMember()
            .Produces<ReferralResponse>()
            .WithName("GetReferral")
            .WithSummary("One referral in the caller's view, with its version in the ETag header. 404 when the caller may not see it.");

        referrals.MapPost("/", CreateAsync)
            .RequireProjectRole(ProjectRole.Coordinator, ProjectRole.PartnerStaff)
            .Produces<ReferralResponse>(StatusCodes.Status201Created)
            .Produces<ReferralResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CreateReferral")
            .WithSummary("Refers a woman, with her recorded consent. Idempotency-Key header required; a repeat answers 200 with the referral it created.")
            .WithDescription("Validation errors are keyed by field id, in the language of Accept-Language (da default, en).");

        referrals.MapPost("/{referralId}/transitions", TransitionAsync)
            .RequireProjectMember()
            .Produces<ReferralResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithName("TransitionReferral")
            .WithSummary("Moves the referral on: accept, decline, assign, recordContact, close, withdraw or editNotes. If-Match header (the ETag read) required.")
            .WithDescription("412 when the ETag is stale (the current one is in the ETag header); 409 when the state does not allow the action; a retried request answers 200 with the current view.");

        return api;
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, ReferralService service, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var size = pageSize ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"Must be between 1 and {MaxPageSize}."];
        }

        if (continuationToken is { Length: 0 })
        {
            errors["continuationToken"] = [RefusedToken];
        }

        if (errors.Count > 0)
        {
            return RestProblems.Validation(errors);
        }

        var page = await service.ListAsync(caller.ToActor(), continuationToken, size, cancellationToken);
        if (page.TokenRefused)
        {
            return RestProblems.Validation(new Dictionary<string, string[]> { ["continuationToken"] = [RefusedToken] });
        }

        var items = page.Items.Select(stored => new ReferralListItem(
            stored.Referral.Id,
            ReferralIds.Reference(stored.Referral.Id),
            stored.Referral.Person?.FirstNameOrInitials,
            stored.Referral.State.ToString(),
            stored.Referral.SubmittedAt,
            stored.Referral.LastChangedAt)).ToList();
        return TypedResults.Ok(new ReferralListResponse(items, page.NextToken));
    }

    private static async Task<IResult> GetAsync(
        HttpContext http, string referralId, ReferralService service, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var actor = http.GetCaller().ToActor();
        // The widest view the role could have; the service checks it against this referral and audits the read.
        var view = actor.Role is ProjectRole.Coordinator or ProjectRole.NeighbourhoodMother ? ReferralAction.ViewDetails : ReferralAction.ViewStatus;
        var stored = await service.ReadAsync(actor, referralId, view, cancellationToken);
        var response = stored is null ? null : await ViewAsync(actor, stored, directory, cancellationToken);
        if (stored is null || response is null)
        {
            return NotFound();
        }

        http.Response.Headers.ETag = stored.Version;
        return TypedResults.Ok(response);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http,
        CreateReferralRequest body,
        [FromHeader(Name = RestHeaders.IdempotencyKey)] string? idempotencyKey,
        ReferralService service,
        DirectoryStore directory,
        CardCatalog catalog,
        CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        if (RestHeaders.Idempotency(idempotencyKey) is not { } requestId)
        {
            return RestHeaders.IdempotencyKeyRequired("create the referral twice");
        }

        var actor = caller.ToActor();
        var result = await service.SubmitAsync(actor, ToFormInput(body), requestId, referrerCard: null, cancellationToken);
        if (result.Forbidden)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "You may not make referrals in this project.");
        }

        if (result.Referral is null && result.Duplicate)
        {
            // The key was used, but its referral is gone: the client must not take this as a success.
            return RestProblems.Conflict("This Idempotency-Key was already used for a referral that no longer exists. Use a new key.");
        }

        if (result.Referral is not { } stored)
        {
            var language = RestHeaders.Language(http.Request);
            return RestProblems.Validation(Messages(catalog, language, result.Errors), "Some fields need correcting.");
        }

        var response = await ViewAsync(actor, stored, directory, cancellationToken);
        http.Response.Headers.ETag = stored.Version;
        var location = $"/api/projects/{caller.ProjectId}/referrals/{stored.Referral.Id}";
        http.Response.Headers.Location = location;
        return result.Duplicate ? TypedResults.Ok(response) : TypedResults.Created(location, response);
    }

    private static async Task<IResult> TransitionAsync(
        HttpContext http,
        string referralId,
        TransitionRequest body,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ReferralService service,
        DirectoryStore directory,
        CardCatalog catalog,
        CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        if (RestHeaders.IfMatch(ifMatch) is not { } expectedVersion)
        {
            return RestHeaders.PreconditionRequired("Send the referral's ETag, as you read it, in an If-Match header ('*' and lists are not accepted).");
        }

        var language = RestHeaders.Language(http.Request);
        var (command, errors) = CommandFor(body);
        if (command is null || errors.Count > 0)
        {
            return RestProblems.Validation(Messages(catalog, language, errors), "The transition is not valid.");
        }

        var actor = caller.ToActor();
        var result = await service.ChangeAsync(actor, referralId, expectedVersion, command, actingCard: null, cancellationToken);
        if (result.Current is { } current && result.Outcome is not (ChangeOutcome.NotFound or ChangeOutcome.Forbidden))
        {
            http.Response.Headers.ETag = current.Version;
        }

        switch (result.Outcome)
        {
            case ChangeOutcome.Changed or ChangeOutcome.Duplicate when result.Current is { } after:
                var response = await ViewAsync(actor, after, directory, cancellationToken);
                // Nobody loses sight of a referral by her own action today; if a rule ever allows it, answer without a body.
                return response is null ? TypedResults.NoContent() : TypedResults.Ok(response);
            case ChangeOutcome.Stale or ChangeOutcome.Conflict:
                return RestProblems.PreconditionFailed("The referral has changed since the ETag you sent. Read it again (the current ETag is in the ETag header) and decide again.");
            case ChangeOutcome.InvalidTransition:
                return RestProblems.Conflict($"The referral's state ({result.Current?.Referral.State}) does not allow '{body.Action}'.");
            case ChangeOutcome.InvalidInput when result.Errors is { Count: > 0 } invalid:
                return RestProblems.Validation(Messages(catalog, language, invalid), "The transition is not valid.");
            case ChangeOutcome.InvalidInput:
                var field = command is EditMotherNotes ? "notes" : "motherId";
                var code = command is EditMotherNotes ? ReferralForm.Errors.TooLong : ReferralForm.Errors.Required;
                return RestProblems.Validation(Messages(catalog, language, new Dictionary<string, string> { [field] = code }), "The transition is not valid.");
            default:
                // NotFound and Forbidden look the same: a stranger learns nothing, not even that it exists.
                return NotFound();
        }
    }

    /// <summary>The caller's view of a referral, or null when she may see none: <see cref="ReferralVisibility"/>, as the cards project it.</summary>
    private static async Task<ReferralResponse?> ViewAsync(Actor actor, StoredReferral stored, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var referral = stored.Referral;
        var view = ReferralVisibility.For(actor, referral);
        if (view.Kind == ReferralViewKind.None)
        {
            return null;
        }

        string? motherFirstName = null;
        if (view.Shows(ReferralField.MotherFirstName) && referral.AssignedMotherId is { } motherId)
        {
            motherFirstName = (await directory.FindMemberAsync(referral.ProjectId, motherId, cancellationToken))?.FirstName;
        }

        return new ReferralResponse(
            referral.Id,
            ReferralIds.Reference(referral.Id),
            view.Kind switch
            {
                ReferralViewKind.Coordinator => "coordinator",
                ReferralViewKind.AssignedMother => "assignedMother",
                _ => "status",
            },
            referral.State.ToString(),
            view.Shows(ReferralField.FirstName) ? referral.Person?.FirstNameOrInitials : null,
            referral.SubmittedAt,
            referral.LastChangedAt,
            view.Shows(ReferralField.Timeline) ? referral.History.Select(e => new ReferralTimelineEntry(e.State.ToString(), e.At)).ToList() : [],
            Actions.Where(a => view.Allows(a.Action)).Select(a => a.Name).ToList(),
            motherFirstName,
            referral.ErasedAt,
            view.Kind is ReferralViewKind.Coordinator or ReferralViewKind.AssignedMother ? Details(view, referral) : null,
            view.Shows(ReferralField.MotherNotes) ? referral.MotherNotes : null);
    }

    private static ReferralDetails Details(ReferralView view, Referral referral)
    {
        var person = referral.Person;
        var consent = referral.Consent;
        T? Shown<T>(ReferralField field, T? value)
            where T : class => view.Shows(field) ? value : null;
        return new ReferralDetails(
            view.Shows(ReferralField.Needs) ? [.. Enum.GetValues<NeedCategories>().Where(n => n != NeedCategories.None && referral.Needs.HasFlag(n)).Select(n => n.ToString())] : [],
            Shown(ReferralField.Languages, person?.PreferredLanguages),
            Shown(ReferralField.Area, person?.Area),
            person is null || !view.Shows(ReferralField.Contact)
                ? null
                : new ReferralContact(person.Contact.Channel.ToString(), person.Contact.BestTime.ToString(), Shown(ReferralField.Phone, person.Contact.PhoneNumber)),
            Shown(ReferralField.Note, person?.Note),
            consent is null || !view.Shows(ReferralField.Consent) ? null : new ReferralConsent(consent.GivenBy.ToString(), consent.Method.ToString(), consent.GivenOn, consent.ExplainedInLanguage),
            Shown(ReferralField.DeclineReason, referral.DeclineReason?.ToString()),
            Shown(ReferralField.Outcome, referral.Outcome?.ToString()),
            // A referral the coordinator made has no organisation: nothing to name.
            Shown(ReferralField.ReferrerOrganisation, referral.ReferrerOrganisationId.Length > 0 ? referral.ReferrerOrganisationId : null),
            Shown(ReferralField.Referrer, referral.ReferrerObjectId),
            Shown(ReferralField.MotherId, referral.AssignedMotherId));
    }

    private static (ReferralCommand? Command, Dictionary<string, string> Errors) CommandFor(TransitionRequest body)
    {
        var name = body.Action?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return (null, new Dictionary<string, string>(StringComparer.Ordinal) { ["action"] = ReferralForm.Errors.Required });
        }

        var action = Array.Find(Actions, a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (action.Name is null)
        {
            return (null, new Dictionary<string, string>(StringComparer.Ordinal) { ["action"] = ReferralForm.Errors.UnknownValue });
        }

        // The same parser as the card actions: values in any case, never numbers or lists. The notes' length is the workflow's rule.
        var (command, errors) = ReferralCommands.Parse(action.Action, new ReferralCommandInput(body.Reason, body.MotherId, body.Outcome, body.Notes));
        return (command, new Dictionary<string, string>(errors, StringComparer.Ordinal));
    }

    private static ReferralFormInput ToFormInput(CreateReferralRequest body) => new()
    {
        FirstNameOrInitials = body.FirstName,
        Languages = JoinList(body.Languages),
        Area = body.Area,
        ContactChannel = body.ContactChannel,
        BestTime = body.BestTime,
        PhoneNumber = body.Phone,
        Needs = JoinList(body.Needs),
        Note = body.Note,
        ConsentGivenBy = body.ConsentGivenBy,
        ConsentMethod = body.ConsentMethod,
        ConsentDate = body.ConsentDate,
        ConsentLanguage = body.ConsentLanguage,
        ConsentConfirmed = body.ConsentConfirmed is true ? "true" : "false",
    };

    /// <summary>The form takes multi-selects comma-separated, as a card sends them; an element that would split or vanish is refused by it.</summary>
    internal static string? JoinList(IReadOnlyList<string?>? values) =>
        values is null
            ? null
            : string.Join(',', values.Select(v => string.IsNullOrWhiteSpace(v) || v.Contains(',', StringComparison.Ordinal) ? UnrepresentableValue : v.Trim()));

    /// <summary>Error codes by field as messages in the caller's language, from the same strings as the form card.</summary>
    internal static Dictionary<string, string[]> Messages(CardCatalog catalog, string language, IReadOnlyDictionary<string, string> errors) =>
        errors.ToDictionary(e => e.Key, e => new[] { catalog.Text(language, "formErrors." + e.Value) }, StringComparer.Ordinal);

    private static IResult NotFound() => RestProblems.NotFound("Referral not found", "There is no referral with this id that you may see.");

}
