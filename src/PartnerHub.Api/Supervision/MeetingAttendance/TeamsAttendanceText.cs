using System.Globalization;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision.MeetingAttendance;

/// <summary>
/// What the coordinator's cards and the tab say about the Teams meeting's attendance (card strings
/// <c>sessions.teamsAttendance.*</c>, the tab's <c>detail.teamsAttendance.*</c>; <c>text</c> is given the last part of the key):
/// nothing before an online session has ended or once attendance is recorded; otherwise that it is being fetched, the
/// proposal to confirm or correct, that the meeting had no report, or that attendance must be entered by hand.
/// </summary>
public sealed class TeamsAttendanceText(MeetingAttendanceSetting setting)
{
    /// <summary>The lines for the coordinator's session card, or null when there is nothing to say.</summary>
    public IReadOnlyList<string>? For(SupervisionSession session, DateTimeOffset now, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(text);
        if (!session.IsOnline || session.State != SessionState.Scheduled || now < session.End)
        {
            return null;
        }

        if (!setting.Reads)
        {
            return [text("byHand")];
        }

        return Current(session) switch
        {
            null => [text("pending")],
            { Status: TeamsAttendanceStatus.NotPermitted } => [text("byHand")],
            { Status: TeamsAttendanceStatus.NoReport } => [text("noReport")],
            { } proposal => Proposed(session, proposal, text),
        };
    }

    /// <summary>The proposal to preselect on the attendance card, while attendance is not recorded; else null.</summary>
    public static TeamsAttendance? ProposalFor(SupervisionSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.State == SessionState.Scheduled && Current(session) is { Status: TeamsAttendanceStatus.Proposed } proposal ? proposal : null;
    }

    // A proposal read for an earlier time of a moved session says nothing about the new one.
    private static TeamsAttendance? Current(SupervisionSession session) =>
        session.TeamsAttendance is { } kept && kept.ForEnd == session.End ? kept : null;

    private static List<string> Proposed(SupervisionSession session, TeamsAttendance proposal, Func<string, string> text)
    {
        var lines = new List<string> { Format(text("proposed"), proposal.Present.Count, session.Invitees.Count) };
        if (proposal.OthersJoined == 1)
        {
            lines.Add(text("othersOne"));
        }
        else if (proposal.OthersJoined > 1)
        {
            lines.Add(Format(text("othersMany"), proposal.OthersJoined));
        }

        return lines;
    }

    private static string Format(string template, params object[] values) => string.Format(CultureInfo.InvariantCulture, template, values);
}
