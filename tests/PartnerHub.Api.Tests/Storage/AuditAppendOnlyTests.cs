using System.Reflection;
using System.Reflection.Emit;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Tests.Storage;

/// <summary>
/// The audit table is append-only in code: every method of the shipped assemblies that names the audit table (its
/// name is a constant, so it is compiled into the method as a string) or reaches every table (<see cref="TableNames.All"/>)
/// is found by reading its IL, together with its async state machine, lambdas and local functions. Such a method may
/// add, read and create the table; it may not update, upsert or delete a row, submit a transaction, delete the table,
/// or hand the table's client to another method that could. Only a retention sweep (a type named so) may delete.
/// </summary>
public sealed class AuditAppendOnlyTests
{
    private static readonly HashSet<string> AllowedOnTables =
    [
        "AddEntity", "AddEntityAsync", "Query", "QueryAsync", "GetEntity", "GetEntityAsync", "GetEntityIfExists",
        "GetEntityIfExistsAsync", "Create", "CreateAsync", "CreateIfNotExists", "CreateIfNotExistsAsync", "GetTableClient",
        "get_Name", "get_AccountName", "get_Uri",
    ];

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private static readonly Assembly[] Shipped = [typeof(Program).Assembly, typeof(PartnerHub.Teams.Protocol.BotAuthenticationOptions).Assembly];

    [Fact]
    public void The_scan_finds_the_audit_log_writing_its_rows()
    {
        var touching = MethodsTouchingTheAudit(Shipped);

        var record = Assert.Single(touching, m => m.Key == $"{typeof(AuditLog).FullName}.{nameof(AuditLog.RecordAsync)}");
        Assert.Contains(record.Value, c => c.DeclaringType == typeof(TableClient) && c.Name == nameof(TableClient.AddEntityAsync));
        Assert.Contains(touching, m => m.Key == $"{typeof(TableStore).FullName}.{nameof(TableStore.EnsureTablesAsync)}");
    }

    [Fact]
    public void No_method_that_reaches_the_audit_table_updates_upserts_or_deletes_outside_retention()
    {
        var offences = Offences(Shipped);

        Assert.True(offences.Count == 0, "The audit table must stay append-only:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void The_scan_catches_an_update_a_delete_and_a_client_handed_on()
    {
        var offences = Offences([typeof(AuditAppendOnlyTests).Assembly]).Where(o => o.StartsWith(typeof(AuditTampering).FullName!, StringComparison.Ordinal)).ToList();

        Assert.Contains(offences, o => o.Contains("TableClient.UpdateEntityAsync", StringComparison.Ordinal));
        Assert.Contains(offences, o => o.Contains("TableClient.DeleteEntityAsync", StringComparison.Ordinal));
        Assert.Contains(offences, o => o.Contains("hands a table client", StringComparison.Ordinal));
    }

    [Fact]
    public void The_audit_log_offers_writing_and_reading_only()
    {
        string[] changing = ["Update", "Upsert", "Delete", "Replace", "Remove", "Merge", "Clear", "Set"];
        var methods = typeof(AuditLog).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly);

        Assert.Contains(methods, m => m.Name == nameof(AuditLog.RecordAsync));
        Assert.DoesNotContain(methods, m => changing.Any(verb => m.Name.StartsWith(verb, StringComparison.Ordinal)));
    }

    private static List<string> Offences(Assembly[] assemblies)
    {
        var offences = new List<string>();
        foreach (var (origin, calls) in MethodsTouchingTheAudit(assemblies))
        {
            var retention = origin.Contains("Retention", StringComparison.Ordinal);
            foreach (var call in calls.Distinct())
            {
                var type = call.DeclaringType;
                if ((type == typeof(TableClient) || type == typeof(TableServiceClient)) && !AllowedOnTables.Contains(call.Name)
                    && !(retention && call.Name.StartsWith("DeleteEntity", StringComparison.Ordinal)))
                {
                    offences.Add($"{origin} calls {type.Name}.{call.Name}");
                }
                else if (type == typeof(TableTransactionAction))
                {
                    offences.Add($"{origin} builds a table transaction");
                }
                else if (type?.Assembly is { } assembly && assemblies.Contains(assembly) && call is MethodBase method
                    && method.GetParameters().Any(p => p.ParameterType == typeof(TableClient) || p.ParameterType == typeof(TableServiceClient)))
                {
                    offences.Add($"{origin} hands a table client to {type.Name}.{method.Name}");
                }
            }
        }

        return offences;
    }

    /// <summary>Per origin method ("Type.Method", with its compiler-made helpers folded in): what it calls, for those that touch the audit.</summary>
    private static Dictionary<string, List<MemberInfo>> MethodsTouchingTheAudit(Assembly[] assemblies)
    {
        var calls = new Dictionary<string, List<MemberInfo>>();
        var touching = new HashSet<string>();
        var allField = typeof(TableNames).GetField(nameof(TableNames.All))!;
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Cast<MethodBase>().Concat(type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)))
            {
                if (method.GetMethodBody()?.GetILAsByteArray() is not { } il)
                {
                    continue;
                }

                var origin = Origin(method);
                var list = calls.TryGetValue(origin, out var existing) ? existing : calls[origin] = [];
                foreach (var (opCode, token) in Instructions(il))
                {
                    if (opCode == OpCodes.Ldstr && method.Module.ResolveString(token) == TableNames.Audit)
                    {
                        touching.Add(origin);
                    }
                    else if (opCode.OperandType == OperandType.InlineField && SafeResolve<FieldInfo>(() => method.Module.ResolveField(token, GenericArgs(type), GenericArgs(method))) == allField)
                    {
                        touching.Add(origin);
                    }
                    else if (opCode.OperandType == OperandType.InlineMethod && SafeResolve<MethodBase>(() => method.Module.ResolveMethod(token, GenericArgs(type), GenericArgs(method))) is { } called)
                    {
                        list.Add(called);
                    }
                }
            }
        }

        return calls.Where(pair => touching.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value);
    }

    /// <summary>
    /// The method a compiler-made one belongs to: an async or iterator state machine (nested type "&lt;Name&gt;d__N"),
    /// a lambda or local function ("&lt;Name&gt;b__N", "&lt;Name&gt;g__Local|N") in a closure class, all under the outermost type.
    /// </summary>
    private static string Origin(MethodBase method)
    {
        var name = method.Name;
        var type = method.DeclaringType!;
        while (type.DeclaringType is not null && type.Name.StartsWith('<'))
        {
            if (!type.Name.StartsWith("<>", StringComparison.Ordinal))
            {
                name = type.Name;
            }

            type = type.DeclaringType;
        }

        // "<<Load>b__3_0>d" (an async lambda's state machine) belongs to Load as much as "<Load>d__3" does.
        var trimmed = name.TrimStart('<');
        if (trimmed.Length < name.Length && trimmed.IndexOf('>', StringComparison.Ordinal) is > 0 and var end)
        {
            name = trimmed[..end];
        }

        return $"{type.FullName}.{name}";
    }

    private static IEnumerable<(OpCode OpCode, int Token)> Instructions(byte[] il)
    {
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[position++]);
            }

            var opCode = OpCodesByValue[value];
            var token = opCode.OperandType is OperandType.InlineString or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok or OperandType.InlineType
                ? BitConverter.ToInt32(il, position)
                : 0;
            yield return (opCode, token);
            position += opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (BitConverter.ToInt32(il, position) * 4),
                _ => 4,
            };
        }
    }

    private static Type[]? GenericArgs(Type type) => type.IsGenericType ? type.GetGenericArguments() : null;

    private static Type[]? GenericArgs(MethodBase method) => method.IsGenericMethod ? method.GetGenericArguments() : null;

    private static T? SafeResolve<T>(Func<T?> resolve)
        where T : class
    {
        try
        {
            return resolve();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>What the scan must catch (never called): an audit row changed, one deleted, the client handed on.</summary>
internal static class AuditTampering
{
    public static async Task RewriteAsync(TableStore store, TableEntity row)
    {
        var audit = store.Table(TableNames.Audit);
        await audit.UpdateEntityAsync(row, row.ETag);
        await audit.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        await HandOnAsync(audit);
    }

    private static Task<string> HandOnAsync(TableClient table) => Task.FromResult(table.Name);
}
