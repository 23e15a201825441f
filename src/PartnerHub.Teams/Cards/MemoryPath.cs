namespace PartnerHub.Teams.Cards;

/// <summary>
/// A binding made only of names (<c>${strings.referral.title}</c>, <c>${$root.timeline}</c>), which is most of what
/// cards bind. adaptive-expressions folds it into the string "$data.strings.referral.title" and walks a memory object
/// built per lookup; the result is the same when we resolve the first name to the scope's slot once and look the others
/// up case-insensitively (identifiers are ASCII, so each is lower-cased here, once).
/// </summary>
internal sealed class MemoryPath
{
    private MemoryPath(MemoryRoot root, string[] lowerNames, string unresolved)
    {
        Root = root;
        LowerNames = lowerNames;
        Unresolved = unresolved;
    }

    internal enum MemoryRoot
    {
        None,
        Root,
        Data,
        Index,
        Host,
        TemplateVersion,
    }

    /// <summary>Which scope slot the first name is (the implicit <c>$data</c> when it does not start with '$').</summary>
    public MemoryRoot Root { get; }

    /// <summary>The names after the slot, lower-cased.</summary>
    public string[] LowerNames { get; }

    /// <summary>What a missing value renders as: the binding itself, <c>${a.b}</c>.</summary>
    public string Unresolved { get; }

    public static MemoryPath? For(string name, Expr? instance)
    {
        var names = new List<string> { name };
        for (var left = instance; left is not null; left = (left as AccessorExpr)!.Instance)
        {
            if (left is not AccessorExpr a)
            {
                return null;
            }

            names.Add(a.Name);
        }

        names.Reverse();
        var path = string.Join('.', names);
        var lower = names.Select(n => n.ToLowerInvariant()).ToList();
        if (names[0].StartsWith('$'))
        {
            var root = lower[0] switch
            {
                "$root" => MemoryRoot.Root,
                "$data" => MemoryRoot.Data,
                "$index" => MemoryRoot.Index,
                "$host" => MemoryRoot.Host,
                "$_actemplateversion" => MemoryRoot.TemplateVersion,
                _ => MemoryRoot.None,
            };
            return new MemoryPath(root, [.. lower.Skip(1)], "${" + path + "}");
        }

        return new MemoryPath(MemoryRoot.Data, [.. lower], "${" + path + "}");
    }
}
