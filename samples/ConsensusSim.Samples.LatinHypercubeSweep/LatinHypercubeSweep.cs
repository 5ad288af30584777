using System.Globalization;
using System.Text;
using ConsensusSim.Analysis;
using ConsensusSim.Serialization;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Samples.LatinHypercubeSweep;

/// <summary>
/// A Latin-hypercube sweep in code: tension and bloc correlation drawn over their ranges, a Monte Carlo run at every
/// point with one seed, written as tidy (long) CSV.
/// </summary>
public static class LatinHypercubeSweep
{
    /// <summary>The tidy CSV's header: a row per design point and outcome.</summary>
    public const string Header = "point,tension,blocCorrelation,outcome,probability,ci95_lower,ci95_upper,trials";

    /// <summary>
    /// The outcomes of each point, which partition its trials: adopted at a meeting, adopted by the Ministerial Council
    /// after escalation, or not adopted. Their probabilities sum to 1 at every point.
    /// </summary>
    public static readonly IReadOnlyList<string> Outcomes = ["adopted_at_meeting", "adopted_at_ministerial_council", "deadlocked"];

    /// <summary>Runs the sweep.</summary>
    /// <param name="scenarioFile">The scenario file to vary.</param>
    /// <param name="points">Design points.</param>
    /// <param name="trials">Trials per point.</param>
    /// <param name="seed">The seed of the design and of every point's trials.</param>
    /// <returns>The rows, in point order.</returns>
    public static IReadOnlyList<SweepRow> Run(string scenarioFile, int points, long trials, ulong seed)
    {
        var scenario = ScenarioTemplate.Parse(File.ReadAllBytes(scenarioFile), scenarioFile);
        var design = SweepDesign.LatinHypercube([new SweepRange("tension", 0, 1), new SweepRange("blocCorrelation", 0, 0.6)], points, seed);
        var options = new SweepOptions { Trials = trials, Seed = seed };
        return [.. SweepRunner.Run(scenario, design, options)];
    }

    /// <summary>The rows as tidy CSV: <see cref="Header"/>, then one line per point and outcome of <see cref="Outcomes"/>, with 95 % Wilson intervals.</summary>
    /// <param name="rows">The sweep's rows.</param>
    /// <returns>The CSV text.</returns>
    public static string TidyCsv(IEnumerable<SweepRow> rows)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var row in rows)
        {
            var r = row.Result;
            long council = r.AdoptedAtMinisterialCouncil.Count;
            long[] counts = [r.Adopted.Count - council, council, r.Deadlocked.Count];
            for (int k = 0; k < counts.Length; k++)
            {
                var (lower, upper) = ProportionInterval.Wilson(counts[k], r.Trials);
                csv.Append(CultureInfo.InvariantCulture, $"{row.Index + 1},{row.Assignments[0].Value},{row.Assignments[1].Value},{Outcomes[k]},")
                   .Append(CultureInfo.InvariantCulture, $"{(double)counts[k] / r.Trials:R},{lower:R},{upper:R},{r.Trials}\n");
            }
        }

        return csv.ToString();
    }
}
