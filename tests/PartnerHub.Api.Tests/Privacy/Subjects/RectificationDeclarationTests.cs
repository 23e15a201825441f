using PartnerHub.Api.Privacy;
using PartnerHub.Api.Privacy.Subjects;

namespace PartnerHub.Api.Tests.Privacy.Subjects;

/// <summary>
/// Every personal field of the data inventory says how it is corrected (GDPR Art. 16), and every correction path it
/// names is a real surface of the access matrix, open to the roles it names, and exercised by a test.
/// </summary>
public class RectificationDeclarationTests
{
    /// <summary>
    /// The test classes that drive each correction path: this folder's against the real host (value changed, audited, a
    /// wrong role refused), the others are the feature's own tests of the same path, some through its service rather than
    /// the surface (the course's booking replacement and certificates). Every surface's refusals are also rows of
    /// <c>AccessMatrixRowTests</c>. A new path needs a test here.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Type> ExercisedBy = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["PATCH /api/projects/{projectId}/referrals/{referralId}/person"] = typeof(RectificationPathTests),
        ["POST /api/projects/{projectId}/referrals/{referralId}/transitions"] = typeof(RectificationPathTests),
        ["PUT /api/projects/{projectId}/directory/members/{objectId}"] = typeof(RectificationPathTests),
        ["referral.notes"] = typeof(Referrals.ReferralWorkflowTests),
        ["referral.assign"] = typeof(Referrals.ReferralWorkflowTests),
        ["directory.member.save"] = typeof(Partners.DirectoryCardActionsTests),
        ["session.save"] = typeof(Supervision.SessionWorkflowTests),
        ["session.respond"] = typeof(Supervision.SessionWorkflowTests),
        ["session.attendance.save"] = typeof(Supervision.SessionWorkflowTests),
        ["session.minutes.save"] = typeof(Supervision.SessionWorkflowTests),
        ["POST /api/projects/{projectId}/sessions/{sessionId}/attendance"] = typeof(Supervision.OutlookPane.OutlookPaneEndpointTests),
        ["PUT /api/projects/{projectId}/sessions/{sessionId}/minutes/text"] = typeof(Supervision.OutlookPane.OutlookPaneEndpointTests),
        ["PUT /api/projects/{projectId}/courses/{cohortId}/participants/{participantId}"] = typeof(Course.CourseEndpointsTests),
        ["PUT /api/projects/{projectId}/courses/{cohortId}/sessions/{sessionId}/attendance"] = typeof(Course.CourseEndpointsTests),
        ["course.attendance.save"] = typeof(Course.CourseWorkflowTests),
        ["PATCH /api/projects/{projectId}/courses/{cohortId}/plan"] = typeof(Course.CourseCorrectionEndpointsTests),
        ["PATCH /api/projects/{projectId}/courses/{cohortId}/bookings/{bookingId}"] = typeof(Course.CourseCorrectionEndpointsTests),
        ["course.booking.replace"] = typeof(Course.CourseBookingServiceTests),
        ["POST /api/projects/{projectId}/courses/{cohortId}/certificates"] = typeof(Course.CourseCompletionServiceTests),
        ["PUT /api/admin/programme-leads/{objectId}"] = typeof(Reporting.ReportEndpointsTests),
        ["PATCH /api/projects/{projectId}/sessions/{sessionId}/cancellation"] = typeof(Supervision.CancellationCommentCorrectionTests),
        ["PATCH /api/projects/{projectId}/outreach/{entryId}/topics"] = typeof(Outreach.OutreachTopicsCorrectionTests),
    };

    private static IEnumerable<(StoredRow Row, StoredField Field)> PersonalFields() =>
        DataInventory.Rows().SelectMany(row => row.Fields.Where(f => DataKinds.IsPersonal(f.Kind)).Select(f => (row, f)));

    [Fact]
    public void Every_personal_field_of_the_data_inventory_says_how_it_is_corrected()
    {
        var declared = Rectification.Fields().SelectMany(f => Rectification.RowsNamed(f).Select(row => (row.Store, row.Key, f.Field))).ToHashSet();

        var missing = PersonalFields().Where(p => !declared.Contains((p.Row.Store, p.Row.Key, p.Field.Name))).Select(p => $"{p.Row.Store} {p.Row.Key}: {p.Field.Name}").ToList();

        Assert.True(missing.Count == 0, "Personal fields without a rectification declaration (add them to the feature's *Rectification):\n" + string.Join('\n', missing));
        Assert.NotEmpty(declared);
    }

    [Fact]
    public void Every_declaration_names_one_row_and_a_personal_field_of_it()
    {
        foreach (var field in Rectification.Fields())
        {
            var rows = Rectification.RowsNamed(field);
            Assert.True(rows.Count == 1, $"'{field.Row}' in {field.Store} names {rows.Count} rows of the data inventory; it must name exactly one.");
            Assert.True(
                rows[0].Fields.Any(f => f.Name == field.Field && DataKinds.IsPersonal(f.Kind)),
                $"{field.Store} {rows[0].Key}: '{field.Field}' is not a personal field of that row.");
        }
    }

    [Fact]
    public void A_field_is_either_corrected_or_not_never_both()
    {
        foreach (var group in Rectification.Fields().GroupBy(f => (f.Store, f.Row, f.Field)))
        {
            var ways = group.Select(f => f.Way).ToList();
            Assert.True(ways.All(w => w is CorrectedThrough) || ways.Count == 1, $"{group.Key}: a field not corrected (or without a path) has one declaration, not several.");
            Assert.All(ways, way => Assert.False(
                way is NotCorrectable { Why.Length: < 20 } or NoPathYet { Why.Length: < 20 } or CorrectedThrough { How.Length: < 10 },
                $"{group.Key}: say plainly how, or why not."));
        }
    }

    [Fact]
    public void Every_correction_path_is_a_surface_of_the_access_matrix_open_to_the_roles_it_names()
    {
        foreach (var through in Rectification.Fields().Select(f => f.Way).OfType<CorrectedThrough>().Distinct())
        {
            Assert.Contains(AccessMatrix.Surfaces, s => s.Name == through.Surface);
            Assert.NotEmpty(through.Roles);
            foreach (var role in through.Roles)
            {
                Assert.True(
                    AccessMatrix.Rows.Any(r => r.Surface.Name == through.Surface && r.Role == role && r.Expected == AccessOutcome.Allowed),
                    $"{through.Surface}: the access matrix does not let {role} through.");
            }
        }
    }

    [Fact]
    public void Every_correction_path_is_exercised_by_a_test()
    {
        var paths = Rectification.Fields().Select(f => f.Way).OfType<CorrectedThrough>().Select(t => t.Surface).Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.Equal(paths, ExercisedBy.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_privacy_document_has_the_rectification_table()
    {
        var section = RectificationSection.Render();

        Assert.Contains("## Berigtigelse / Rectification", section, StringComparison.Ordinal);
        Assert.Contains("`PATCH /api/projects/{projectId}/referrals/{referralId}/person`", section, StringComparison.Ordinal);
        Assert.Contains("Rettes ikke: revisionssporet må ikke ændres", section, StringComparison.Ordinal);
    }
}
