using System.Globalization;
using System.Numerics;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Cli;

/// <summary>The --vary options of a full grid: every combination of their values, the last varying fastest.</summary>
internal static class SweepGrid
{
    /// <summary>The most values one --vary range may give.</summary>
    public const int MaxValuesPerParameter = 10_000;

    /// <summary>Parses the --vary options and refuses a grid of more than <see cref="SweepDesign.MaxPoints"/> points, naming each option's size.</summary>
    /// <param name="varies">PATH=START:STOP:STEP or PATH=A,B,C each.</param>
    /// <returns>The grid.</returns>
    /// <exception cref="UserInputException">An option is malformed, paths overlap, or the grid is too large.</exception>
    public static SweepDesign Parse(IReadOnlyList<string> varies)
    {
        if (varies.Count == 0)
        {
            throw new UserInputException("A grid needs at least one --vary.");
        }

        var parsed = Parameters(varies);
        string[] specs = [.. varies];
        SweepDesignOptions.CheckColumns([.. parsed.Select(p => p.Path)], "--vary", c => $"'{specs[c]}'");

        // The product is checked before a single point is made; BigInteger because 100 options overflow any fixed width.
        var product = parsed.Aggregate(BigInteger.One, (n, p) => n * p.Values.Count);
        if (product > SweepDesign.MaxPoints)
        {
            string sizes = string.Join(" × ", parsed.Select((p, c) => $"--vary '{specs[c]}' ({p.Values.Count:N0} values)"));
            throw new UserInputException($"{sizes} = {SweepDesign.N(product)} design points; a sweep has at most {SweepDesign.MaxPoints:N0}. Vary fewer values, split the grid into several sweeps, or sample it with --design lhs --points N.");
        }

        try
        {
            return GridDesign.Create([.. parsed.Select(p => new SweepParameter(p.Path, p.Values))], [.. specs.Select(s => $"--vary '{s}'")], nameof(varies));
        }
        catch (ArgumentException ex)
        {
            throw new UserInputException($"--vary: {ex.Message}");
        }
    }
    /// <summary>Each --vary option's path and values.</summary>
    /// <param name="varies">The options.</param>
    /// <returns>Path and values per option, in order.</returns>
    /// <exception cref="UserInputException">An option is malformed.</exception>
    public static IReadOnlyList<(string Path, IReadOnlyList<string> Values)> Parameters(IEnumerable<string> varies)
    {
        var result = new List<(string, IReadOnlyList<string>)>();
        foreach (string spec in varies)
        {
            int eq = spec.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == spec.Length - 1)
            {
                throw new UserInputException($"--vary '{spec}': expected PATH=START:STOP:STEP or PATH=A,B,C.");
            }

            // A line break in a value would split its rows in the CSV, and merge reads a row per line.
            if (spec.Any(char.IsControl))
            {
                throw new UserInputException($"--vary '{spec.ReplaceLineEndings(" ")}': a control character (such as a line break) cannot be a varied value.");
            }

            string path = spec[..eq];
            string values = spec[(eq + 1)..];
            result.Add((path, values.Contains(':', StringComparison.Ordinal) ? Range(spec, values) : values.Split(',', StringSplitOptions.TrimEntries)));
        }

        return result;
    }

    private static string[] Range(string spec, string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 3
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double start)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double stop)
            || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double step)
            || !double.IsFinite(start) || !double.IsFinite(stop) || !double.IsFinite(step) || !(step > 0) || stop < start)
        {
            throw new UserInputException($"--vary '{spec}': a range is START:STOP:STEP with finite numbers, STEP > 0 and STOP ≥ START.");
        }

        // Counted in double first only to refuse a huge count: (stop - start) / step may be infinite, never cast.
        double estimate = Math.Floor(((stop - start) / step) + 1e-9) + 1;
        if (estimate > MaxValuesPerParameter + 1)
        {
            string many = double.IsFinite(estimate) ? estimate.ToString("N0", CultureInfo.InvariantCulture) : "countless";
            throw new UserInputException($"--vary '{spec}': {many} values; at most {MaxValuesPerParameter:N0} per parameter.");
        }

        string[] values = Decimals(parts, start, stop, step) ?? Doubles(start, step, (int)estimate);
        if (values.Length > MaxValuesPerParameter)
        {
            throw new UserInputException($"--vary '{spec}': {values.Length:N0} values; at most {MaxValuesPerParameter:N0} per parameter.");
        }

        // A value is run as the number its label parses to; two labels of one number would be two rows of one point.
        for (int k = 1; k < values.Length; k++)
        {
            if (!(Parse(values[k]) > Parse(values[k - 1])))
            {
                throw new UserInputException($"--vary '{spec}': the values {values[k - 1]} and {values[k]} are the same number in a scenario (a double); use a larger STEP.");
            }
        }

        return values;
    }

    /// <summary>
    /// The range in exact decimal arithmetic, so 0:1:0.1 gives 0.3 rather than 0.30000000000000004 and a step
    /// of 1e-13 is not rounded away; null when a number lies outside what a decimal holds exactly (beyond
    /// 28 digits, or as small as 1e-320), where <see cref="Doubles"/> is used.
    /// </summary>
    private static string[]? Decimals(string[] parts, double start, double stop, double step)
    {
        if (!TryDecimal(parts[0], start, out decimal from) || !TryDecimal(parts[1], stop, out decimal to) || !TryDecimal(parts[2], step, out decimal by))
        {
            return null;
        }

        int count = (int)decimal.Floor((to - from) / by) + 1;
        var values = new string[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = (from + (k * by)).ToString("G29", CultureInfo.InvariantCulture);
        }

        return values;
    }

    /// <summary>The range in doubles, each labelled with its round-trip text: the label is the value run, whatever its digits.</summary>
    private static string[] Doubles(double start, double step, int count) =>
        [.. Enumerable.Range(0, count).Select(k => (start + (k * step)).ToString("R", CultureInfo.InvariantCulture))];

    private static bool TryDecimal(string text, double value, out decimal result) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out result) && (double)result == value;

    private static double Parse(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
}
