using System.Reflection;
using PartnerHub.Core.Audit;

namespace PartnerHub.Api.AuditTrail;

/// <summary>
/// Every action the audit can write, read from the code: the names of each enum and the value of each
/// <c>const string</c> marked <see cref="AuditActionAttribute"/> in PartnerHub's assemblies. The audit trail's texts
/// are checked against this list, so an action declared without Danish and English words fails a test.
/// </summary>
public static class AuditActions
{
    private static readonly Lazy<IReadOnlySet<string>> Declared = new(() => In(typeof(AuditActions).Assembly, typeof(AuditActionAttribute).Assembly));

    public static IReadOnlySet<string> All => Declared.Value;

    /// <summary>The marked actions of <paramref name="assemblies"/> (a test passes its own to prove the check can fail).</summary>
    public static IReadOnlySet<string> In(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in assemblies.Distinct().SelectMany(assembly => assembly.GetTypes()))
        {
            if (type.IsEnum && type.IsDefined(typeof(AuditActionAttribute), inherit: false))
            {
                names.UnionWith(Enum.GetNames(type));
                continue;
            }

            const BindingFlags Constants = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var field in type.GetFields(Constants))
            {
                if (field.IsLiteral && field.FieldType == typeof(string) && field.IsDefined(typeof(AuditActionAttribute), inherit: false))
                {
                    names.Add((string)field.GetRawConstantValue()!);
                }
            }
        }

        return names;
    }

    /// <summary>The actions of <paramref name="actions"/> the texts do not name in both languages (distinct words each).</summary>
    public static IReadOnlyList<string> WithoutWords(IEnumerable<string> actions, AuditTrailTexts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var danish = texts.For("da");
        var english = texts.For("en");
        return [.. actions.Where(action => danish.Action(action) == action || english.Action(action) == action || danish.Action(action) == english.Action(action))];
    }
}
