using System.Globalization;
using System.Text;
using ConsensusSim.Model;
using ConsensusSim.Procedures;

namespace ConsensusSim.Reporting;

/// <summary>
/// The States' parameter profiles and the configured procedure, compactly: each parameter's distinct values with the
/// States that have them (a value most States share is one line, not one line per State), and the procedure's
/// settings rather than its whole diagram, which <c>consensussim graph</c> draws.
/// </summary>
internal static class ScenarioProfileText
{
    /// <summary>Values of one parameter shown before the rest are summed up in one line.</summary>
    private const int MaxValues = 6;

    /// <summary>Codes listed for one value before "and N more".</summary>
    private const int MaxCodes = 8;

    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Appends the parameter table: one block per parameter any State has, one line per distinct value.</summary>
    /// <param name="sb">Where to write.</param>
    /// <param name="s">The scenario.</param>
    public static void AppendProfiles(StringBuilder sb, Scenario s)
    {
        (string Name, Func<StateProfile, string?> Value)[] parameters =
        [
            ("objection probability", p => p.ObjectionProbability is { } x ? Show(x) : null),
            ("ideal point", p => p.IdealPoint is { } x ? "[" + string.Join(", ", x.Select(Show)) + "]" : null),
            ("salience", p => p.Salience is { } x ? "[" + string.Join(", ", x.Select(v => v.ToString("0.###", Ci))) + "]" : null),
            ("blocking cost", p => p.BlockingCost is { } x ? Show(x) : null),
            ("noise", p => p.Noise is { } x ? Show(x) : null),
            ("linkage", p => p.Linkage is { } x ? Show(x) : null),
            ("retaliation", p => p.Retaliation is { } x ? Show(x) : null),
        ];

        var rows = new List<(string Parameter, string Value, string Who)>();
        foreach (var (name, value) in parameters)
        {
            var groups = s.States
                .Select(code => (Code: code, Value: value(s.Profiles[code])))
                .Where(x => x.Value is not null)
                .GroupBy(x => x.Value!, x => x.Code, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToList();
            string label = name;
            foreach (var group in groups.Take(groups.Count > MaxValues ? MaxValues - 1 : MaxValues))
            {
                rows.Add((label, group.Key, Who(s, [.. group])));
                label = string.Empty;
            }

            if (groups.Count > MaxValues)
            {
                var rest = groups.Skip(MaxValues - 1).ToList();
                rows.Add((label, string.Create(Ci, $"{rest.Count} other values"), Who(s, [.. rest.SelectMany(g => g)])));
            }
        }

        if (rows.Count == 0)
        {
            return;
        }

        sb.AppendLine();
        sb.AppendLine("State parameters (each value, and who has it):");
        int nameWidth = rows.Max(r => r.Parameter.Length);
        int valueWidth = Math.Min(rows.Max(r => r.Value.Length), 40);
        foreach (var (parameter, value, who) in rows)
        {
            sb.AppendLine(string.Create(Ci, $"  {parameter.PadRight(nameWidth)}  {value.PadRight(valueWidth)}  {who}").TrimEnd());
        }
    }

    /// <summary>Appends the procedure as configured: which one, how many rounds, and the settings that apply to it.</summary>
    /// <param name="sb">Where to write.</param>
    /// <param name="s">The scenario.</param>
    public static void AppendProcedure(StringBuilder sb, Scenario s)
    {
        var p = s.Procedure;
        string name = ProcedureDefinition.TryGet(p.Procedure, out var definition) ? $"{definition.Name} ({p.Procedure})" : p.Procedure;
        sb.AppendLine(string.Create(Ci, $"Procedure: {name}, up to {p.MaxRounds} {(p.MaxRounds == 1 ? "round" : "rounds")}"));
        sb.AppendLine(p.UseSilence
            ? string.Create(Ci, $"  silence procedure: on; breaking silence is {p.SilenceDeterrence:0.##} times as hard as objecting; amendment probability {p.AmendmentProbability:0.###}")
            : "  silence procedure: off");
        sb.AppendLine(p.EscalateToMinisterialCouncil
            ? string.Create(Ci, $"  escalation to the Ministerial Council: on; objecting there is {p.MinisterialDeterrence:0.##} times as hard")
            : "  escalation to the Ministerial Council: off");
        if (s.Proposals.Count > 1)
        {
            sb.AppendLine(p.PackageFallback ? "  package fallback: on" : "  package fallback: off");
        }

        sb.AppendLine(string.Create(Ci, $"  (every stage and transition: consensussim graph {p.Procedure})"));
    }

    /// <summary>A parameter's distribution and range in words.</summary>
    private static string Show(Parameter x) => x.Distribution switch
    {
        ParameterDistribution.Fixed => x.Minimum.ToString("0.###", Ci),
        ParameterDistribution.Uniform => string.Create(Ci, $"uniform on [{x.Minimum:0.###}, {x.Maximum:0.###}]"),
        _ => string.Create(Ci, $"{x} on [{x.Minimum:0.###}, {x.Maximum:0.###}]"),
    };

    /// <summary>Who has a value: everyone, everyone but a few, a whole bloc, or the codes (the first few and a count).</summary>
    /// <summary>The bloc whose members these are, all of them and no others; <see langword="null"/> if none, or for one code, which names itself better.</summary>
    private static string? Bloc(Scenario s, IReadOnlyList<string> codes)
    {
        var blocs = codes.Select(s.ParticipantBloc).Distinct(StringComparer.Ordinal).ToList();
        return codes.Count > 1 && blocs is [var bloc] && s.States.Count(c => s.ParticipantBloc(c) == bloc) == codes.Count ? bloc : null;
    }

    private static string Who(Scenario s, IReadOnlyList<string> codes)
    {
        int all = s.States.Count;
        if (codes.Count == all)
        {
            return string.Create(Ci, $"all {all}");
        }

        var others = s.States.Except(codes, StringComparer.Ordinal).ToList();
        if (others.Count <= 3 && codes.Count > others.Count)
        {
            return string.Create(Ci, $"{codes.Count}: all but {string.Join(", ", others)}");
        }

        if (Bloc(s, codes) is { } bloc)
        {
            return string.Create(Ci, $"{codes.Count}: the {bloc}");
        }

        if (Bloc(s, others) is { } rest)
        {
            return string.Create(Ci, $"{codes.Count}: all but the {rest}");
        }

        string listed = string.Join(", ", codes.Take(MaxCodes));
        return codes.Count > MaxCodes
            ? string.Create(Ci, $"{codes.Count}: {listed} and {codes.Count - MaxCodes} more")
            : string.Create(Ci, $"{codes.Count}: {listed}");
    }
}
