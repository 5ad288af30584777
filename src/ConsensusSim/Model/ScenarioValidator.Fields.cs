using System.Globalization;

namespace ConsensusSim.Model;

/// <summary>The validator's checks of ranges declared in <see cref="ScenarioFields"/>.</summary>
internal static partial class ScenarioValidator
{
    /// <summary>Checks every declared number of an options object (the procedure's, the behaviour's) against its declared range.</summary>
    private static void CheckDeclaredNumbers(IReadOnlyList<ScenarioField> fields, object owner, Action<string, string> add)
    {
        foreach (var f in fields)
        {
            if (f.Shape is not NumberShape n || f.Model is not { } model)
            {
                continue;
            }

            double value = Convert.ToDouble(model(owner), CultureInfo.InvariantCulture);
            if (!n.Whole)
            {
                CheckNumber(value, f.Path, n.Low, n.High, n.What, add);
            }
            else if (value < n.Low || value > n.High)
            {
                add(f.Path, $"{f.Name} must be between {Fmt(n.Low)} and {Fmt(n.High)}; it is {(long)value}.");
            }
        }
    }

    /// <summary>The range a field's numbers must lie in: its own, its items' or its values'.</summary>
    private static NumberShape Range(ScenarioField f) => f.Shape switch
    {
        NumberShape n => n,
        RefShape { Range: { } r } => r,
        ListShape { Items: NumberShape n } => n,
        ListShape { Items: RefShape { Range: { } r } } => r,
        MapShape { Values: NumberShape n } => n,
        _ => throw new InvalidOperationException($"{f.Path} declares no range."),
    };

    private static bool CheckNumber(double value, string path, ScenarioField f, Action<string, string> add)
    {
        var r = Range(f);
        return CheckNumber(value, path, r.Low, r.High, r.What, add);
    }

    private static void CheckRange(Parameter? p, string path, ScenarioField f, Action<string, string> add)
    {
        var r = Range(f);
        CheckRange(p, path, r.Low, r.High, r.What, add);
    }

    /// <summary>The path of <paramref name="f"/> inside the object at <paramref name="at"/> (a profile, a proposal, an actor).</summary>
    private static string At(string at, ScenarioField f) => at + "." + f.Name;
}
