using System.Text.Json.Nodes;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Referrals;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Core.Tests.Changes;

public class ChangeFingerprintTests
{
    private const string Karen = "c0000000-0000-4000-8000-000000000001";
    private const string Lone = "c0000000-0000-4000-8000-000000000009";

    [Fact]
    public void The_same_person_sending_the_same_command_from_the_same_version_is_the_same_request()
    {
        Assert.Equal(
            ChangeFingerprint.Of(Karen, "r1", "v1", "Assign", new AssignReferral("mother-a")),
            ChangeFingerprint.Of(Karen, "r1", "v1", "Assign", new AssignReferral("mother-a")));
    }

    [Fact]
    public void Anything_else_is_a_different_request()
    {
        var original = ChangeFingerprint.Of(Karen, "r1", "v1", "Assign", new AssignReferral("mother-a"));

        string[] others =
        [
            ChangeFingerprint.Of(Karen, "r1", "v1", "Assign", new AssignReferral("mother-b")),
            ChangeFingerprint.Of(Lone, "r1", "v1", "Assign", new AssignReferral("mother-a")),
            ChangeFingerprint.Of(Karen, "r1", "v2", "Assign", new AssignReferral("mother-a")),
            ChangeFingerprint.Of(Karen, "r2", "v1", "Assign", new AssignReferral("mother-a")),
            ChangeFingerprint.Of(Karen, "r1", null, "Assign", new AssignReferral("mother-a")),
            ChangeFingerprint.Of(Karen, "r1", "v1", "EditNotes", new EditMotherNotes("mother-a")),
        ];

        Assert.All(others, other => Assert.NotEqual(original, other));
        Assert.Equal(others.Length, others.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_payload_counts_to_the_last_character()
    {
        Assert.NotEqual(
            ChangeFingerprint.Of(Karen, "r1", "v1", "EditNotes", new EditMotherNotes("Vi mødtes.")),
            ChangeFingerprint.Of(Karen, "r1", "v1", "EditNotes", new EditMotherNotes("Vi mødtes!")));
        Assert.NotEqual(
            ChangeFingerprint.Of(Karen, "s1", "3", "RecordAttendance", new RecordAttendance(["a"])),
            ChangeFingerprint.Of(Karen, "s1", "3", "RecordAttendance", new RecordAttendance(["a", "b"])));
        Assert.NotEqual(
            ChangeFingerprint.Of(Karen, "s1", "3", "AddMinutes", new { MinutesText = "one" }),
            ChangeFingerprint.Of(Karen, "s1", "3", "AddMinutes", new { MinutesText = "two" }));
    }

    [Fact]
    public void Field_order_does_not_matter_and_the_key_is_hex_without_the_input_in_it()
    {
        var a = ChangeFingerprint.Of(Karen, "s1", "3", "SaveMember", new JsonObject { ["first"] = "x", ["second"] = new JsonObject { ["b"] = 1, ["a"] = 2 } });
        var b = ChangeFingerprint.Of(Karen, "s1", "3", "SaveMember", new JsonObject { ["second"] = new JsonObject { ["a"] = 2, ["b"] = 1 }, ["first"] = "x" });

        Assert.Equal(a, b);
        Assert.Matches("^[0-9a-f]{64}$", a);
        Assert.DoesNotContain(Karen, a, StringComparison.Ordinal);
    }
}
