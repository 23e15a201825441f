using System.Reflection;
using PartnerHub.Api.Course;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Course;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Tests.Course;

/// <summary>Every course error code and booking refusal has a text in Danish and in English.</summary>
public sealed class CourseErrorTextsTests
{
    private static readonly CardCatalog Cards = CardCatalog.Load(Path.Combine(RepoPaths.Root, "cards"));

    public static TheoryData<string> Codes() =>
        [.. typeof(CourseErrors).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    public static TheoryData<BookingError> Refusals() => [.. Enum.GetValues<BookingError>()];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_course_error_code_has_a_text_in_both_languages(string code)
    {
        var path = CourseErrorTexts.PathOf(code);
        Assert.False(string.IsNullOrWhiteSpace(Cards.Text("da", path)));
        Assert.False(string.IsNullOrWhiteSpace(Cards.Text("en", path)));
        Assert.NotEqual(Cards.Text("da", path), Cards.Text("en", path));
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Every_booking_refusal_has_a_text_in_both_languages(BookingError error)
    {
        var path = CourseErrorTexts.PathOf(error);
        Assert.False(string.IsNullOrWhiteSpace(Cards.Text("da", path)));
        Assert.False(string.IsNullOrWhiteSpace(Cards.Text("en", path)));
    }

    [Fact]
    public void Codes_every_form_shares_read_the_common_texts()
    {
        Assert.Equal("formErrors.required", CourseErrorTexts.PathOf(CourseErrors.Required));
        Assert.Equal("formErrors.looksLikeCpr", CourseErrorTexts.PathOf(CourseErrors.LooksLikeCpr));
        Assert.Equal("course.formErrors.weekdayMismatch", CourseErrorTexts.PathOf(CourseErrors.WeekdayMismatch));
        Assert.Equal("course.bookingErrors.teacherDoubleBooked", CourseErrorTexts.PathOf(BookingError.TeacherDoubleBooked));
    }
}
