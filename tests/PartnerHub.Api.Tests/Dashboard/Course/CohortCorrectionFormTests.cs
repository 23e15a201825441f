using System.Diagnostics.CodeAnalysis;
using Bunit;
using PartnerHub.Api.Course;
using PartnerHub.Core.Changes;

namespace PartnerHub.Api.Tests.Dashboard.Course;

/// <summary>
/// Correcting a cohort's name or meeting place on the Kursus page (GDPR Art. 16), through the same service as
/// PATCH …/courses/{c}/plan; the class shares the course page's host, each test its own project.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
[Collection(SharedTabHost.Name)]
public sealed class CohortCorrectionFormTests(SharedTabHost host) : IAsyncLifetime
{
    private readonly TabScenario _tab = new(host.Host);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _tab.DisposeAsync().AsTask();

    [Fact]
    public async Task The_coordinator_corrects_name_and_place_with_labelled_fields_starting_from_the_stored_values()
    {
        var own = await host.OwnCourseAsync();
        var page = OpenCohort(own.CoordinatorId, own.Cohort.Id);
        page.WaitForElement("#correct-open").Click();

        Assert.Equal("Holdets navn", page.WaitForElement("label[for=correct-name]").TextContent);
        Assert.Equal(own.Cohort.Plan.CohortName, page.Find("#correct-name").GetAttribute("value"));
        Assert.Equal("Kvindecenteret", page.Find("#correct-place").GetAttribute("value"));
        page.Find("#correct-place").Change("Beboerhuset, Vollsmose Allé 1");
        page.Find("#correct-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Rettelsen er gemt.", page.Find("#cohort-notice").TextContent, StringComparison.Ordinal));
        Assert.Contains("Beboerhuset, Vollsmose Allé 1", page.Find("#cohort-detail").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#correct-panel"));
        var stored = (await host.Get<CourseStore>().FindCohortAsync(own.ProjectId, own.Cohort.Id, CancellationToken.None))!.Cohort;
        Assert.Equal("Beboerhuset, Vollsmose Allé 1", stored.Plan.Place);
        Assert.Equal(own.Cohort.Plan.CohortName, stored.Plan.CohortName);
    }

    [Fact]
    public async Task A_stale_correction_shows_the_cohort_as_it_is_now_and_overwrites_nothing()
    {
        var own = await host.OwnCourseAsync();
        var page = OpenCohort(own.CoordinatorId, own.Cohort.Id);
        page.WaitForElement("#correct-open").Click();
        page.WaitForElement("#correct-name").Change("Mit navn");

        // Meanwhile the name is corrected through REST or another tab from the version she saw.
        var other = await host.Get<CourseCorrectionService>().CorrectPlanAsync(own.Coordinator, own.Cohort.Id, own.Cohort.Version, new CohortCorrectionInput("Den andens navn", null), null, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, other.Outcome);
        page.Find("#correct-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Nogen ændrede holdet", page.Find("#cohort-notice").TextContent, StringComparison.Ordinal));
        Assert.Equal("Den andens navn", page.Find("#cohort-heading").TextContent);
        Assert.Empty(page.FindAll("#correct-panel"));
        var stored = (await host.Get<CourseStore>().FindCohortAsync(own.ProjectId, own.Cohort.Id, CancellationToken.None))!.Cohort;
        Assert.Equal("Den andens navn", stored.Plan.CohortName);
    }

    [Fact]
    public async Task A_too_long_name_is_refused_beside_its_field_and_nothing_is_stored()
    {
        var own = await host.OwnCourseAsync();
        var page = OpenCohort(own.CoordinatorId, own.Cohort.Id);
        page.WaitForElement("#correct-open").Click();
        page.WaitForElement("#correct-name").Change(new string('x', PartnerHub.Core.Course.CohortForm.MaxNameLength + 1));
        page.Find("#correct-form").Submit();

        page.WaitForAssertion(() => Assert.Equal("true", page.Find("#correct-name").GetAttribute("aria-invalid")));
        Assert.Contains("correct-name-error", page.Find("#correct-name").GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal("Ret holdets navn eller mødested", page.Find("#panel-heading").TextContent);
        var stored = (await host.Get<CourseStore>().FindCohortAsync(own.ProjectId, own.Cohort.Id, CancellationToken.None))!.Cohort;
        Assert.Equal(own.Cohort.Version, stored.Version);
    }

    [Fact]
    public async Task A_booked_teacher_sees_the_cohort_without_the_correction_and_the_service_refuses_her()
    {
        var own = await host.OwnCourseAsync();
        var session = own.Cohort.Plan.Sessions[0];
        var requested = await host.Get<CourseBookingService>().RequestAsync(own.Coordinator, own.Cohort.Id, new BookingRequestInput(session.Id, own.TeacherId, null), "req-" + own.ProjectId, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, requested.Outcome);

        // The page offers the form only where the view allows editing the plan (CohortView); hers does not.
        var teacher = new PartnerHub.Core.Partners.Actor(own.TeacherId, own.ProjectId, PartnerHub.Core.Partners.ProjectRole.Teacher, null);
        var read = await host.Get<CourseService>().ReadAsync(teacher, own.Cohort.Id, CancellationToken.None);
        Assert.NotNull(read);
        Assert.False(read.View.Allows(PartnerHub.Core.Course.CourseAction.EditPlan));
        var refused = await host.Get<CourseCorrectionService>().CorrectPlanAsync(teacher, own.Cohort.Id, null, new CohortCorrectionInput("Hendes navn", null), null, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Forbidden, refused.Outcome);
        var stored = (await host.Get<CourseStore>().FindCohortAsync(own.ProjectId, own.Cohort.Id, CancellationToken.None))!.Cohort;
        Assert.Equal(own.Cohort.Plan.CohortName, stored.Plan.CohortName);
    }

    private IRenderedComponent<PartnerHub.Api.Dashboard.DashboardPage> OpenCohort(string objectId, string cohortId)
    {
        _tab.Teams.Token = host.Host.TokenFor(objectId);
        var page = _tab.RenderPage();
        page.WaitForElement("#nav-course").Click();
        page.WaitForElement($"#cohort-open-{cohortId}").Click();
        page.WaitForElement("#course-plan");
        return page;
    }
}
