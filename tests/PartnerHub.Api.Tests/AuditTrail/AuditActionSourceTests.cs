using System.Text.RegularExpressions;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.AuditTrail;

/// <summary>
/// An action is declared once (a marked enum or constant) and never written as a literal where the audit is called,
/// so the registry the texts are checked against cannot miss one.
/// </summary>
public sealed class AuditActionSourceTests
{
    /// <summary>The calls that take an action, and which argument (from 0) it is.</summary>
    private static readonly (string Call, int Argument)[] AuditedCalls =
    [
        ("RecordAsync", 2), ("RefusedAsync", 1), ("AllowedAsync", 1), ("CourseChanges.Change", 4), ("EditAsync", 3), ("ChangeParticipantsAsync", 3),
    ];

    [Fact]
    public void No_audited_call_in_the_api_names_its_action_as_a_literal()
    {
        var source = Path.Combine(RepoPaths.Root, "src", "PartnerHub.Api");
        var literals = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => LiteralActions(File.ReadAllText(file)).Select(call => $"{Path.GetRelativePath(source, file)}: {call}"))
            .ToList();

        Assert.Empty(literals);
    }

    [Fact]
    public void A_literal_action_is_found()
    {
        const string Code = """
            await audit.RecordAsync(projectId, actor.ObjectId, "SomethingNew", RecordType, "-", allowed: true, cancellationToken);
            await changes.RefusedAsync(actor, CourseAuditActions.View, CourseStore.CohortRecord, "-", cancellationToken);
            """;

        Assert.Equal(["RecordAsync(… \"SomethingNew\" …)"], LiteralActions(Code));
    }

    private static IEnumerable<string> LiteralActions(string code)
    {
        foreach (var (call, argument) in AuditedCalls)
        {
            foreach (Match match in Regex.Matches(code, @"\b" + Regex.Escape(call) + @"\(", RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                var arguments = Arguments(code, match.Index + match.Length);
                if (arguments.Count > argument && arguments[argument].StartsWith('"'))
                {
                    yield return $"{call}(… {arguments[argument]} …)";
                }
            }
        }
    }

    /// <summary>The top-level arguments of the call whose "(" ends just before <paramref name="start"/>.</summary>
    private static List<string> Arguments(string code, int start)
    {
        var arguments = new List<string>();
        var depth = 0;
        var inString = false;
        var from = start;
        for (var i = start; i < code.Length; i++)
        {
            var c = code[i];
            if (inString)
            {
                inString = c != '"' || code[i - 1] == '\\';
                continue;
            }

            switch (c)
            {
                case '"': inString = true; break;
                case '(' or '[' or '{': depth++; break;
                case ')' or ']' or '}' when depth > 0: depth--; break;
                case ')': arguments.Add(code[from..i].Trim()); return arguments;
                case ',' when depth == 0: arguments.Add(code[from..i].Trim()); from = i + 1; break;
            }
        }

        return arguments;
    }
}
