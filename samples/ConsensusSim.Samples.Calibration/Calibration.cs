using System.Globalization;
using System.Text;
using ConsensusSim.Analysis;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Samples.Calibration;

/// <summary>One line of the public record: an item kind in an era, adopted k times out of n.</summary>
public sealed record Observation(string Era, string Item, int Adopted, int Attempts)
{
    /// <summary>The observed rate's 95 % Wilson interval.</summary>
    public (double Lower, double Upper) Interval => ProportionInterval.Wilson(Adopted, Attempts);
}

/// <summary>An observation next to the simulated probability for the same era and item kind.</summary>
public sealed record CalibrationRow(Observation Observed, OutcomeEstimate Simulated)
{
    /// <summary>Whether the simulated probability lies inside the observed rate's 95 % interval.</summary>
    public bool Consistent => Simulated.Probability >= Observed.Interval.Lower && Simulated.Probability <= Observed.Interval.Upper;
}

/// <summary>
/// Calibrates the built-in eras against the public record (seeds/observed-outcomes.csv) with three
/// template scenarios, one per item kind (samples/calibration/*.json).
/// </summary>
public static class Calibration
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "calibration");

    public static IReadOnlyList<Observation> Observations()
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "observed-outcomes.csv")).Skip(1).Where(l => l.Length > 0);
        return [.. lines.Select(l => l.Split(',')).Select(f => new Observation(f[0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture)))];
    }

    /// <summary>Simulates every observed cell with the committed era presets.</summary>
    public static IReadOnlyList<CalibrationRow> Table(long trials, ulong seed) =>
        [.. Observations().Select(o => new CalibrationRow(o, Simulate(o.Item, [new("era", o.Era)], trials, seed)))];

    /// <summary>
    /// Grid search over the CSTO bloc's linkage λ for one era, minimising the binomial deviance. The
    /// era's tension T is set from the historical record, not fitted: hostage-taking depends on λ·T,
    /// so the data cannot tell the two apart.
    /// </summary>
    public static (double Linkage, double Deviance) Fit(string era, long trials, ulong seed)
    {
        var observed = Observations().Where(o => o.Era == era).ToList();
        var best = (Linkage: double.NaN, Deviance: double.PositiveInfinity);
        for (int li = 0; li <= 20; li++)
        {
            double lambda = li * 0.05;
            double deviance = 0;
            foreach (var o in observed)
            {
                double p = Simulate(o.Item, [new("era", era), new("groupings.csto-bloc.linkage", Num(lambda))], trials, seed).Probability;
                p = Math.Clamp(p, 1e-4, 1 - 1e-4);
                deviance -= (o.Adopted * Math.Log(p)) + ((o.Attempts - o.Adopted) * Math.Log(1 - p));
            }

            if (deviance < best.Deviance - 1e-12)
            {
                best = (lambda, deviance);
            }
        }

        return best;
    }

    public static string Markdown(IReadOnlyList<CalibrationRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| era | item kind | observed | observed 95 % interval | simulated P(adopted) | consistent |");
        sb.AppendLine("|---|---|---:|---|---:|:---:|");
        foreach (var r in rows)
        {
            var (lo, hi) = r.Observed.Interval;
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Observed.Era} | {r.Observed.Item} | {r.Observed.Adopted}/{r.Observed.Attempts} | [{lo:0.00}, {hi:0.00}] | {r.Simulated.Probability:0.000} ± {1.96 * r.Simulated.StandardError:0.000} | {(r.Consistent ? "yes" : "no")} |"));
        }

        return sb.ToString();
    }

    private static OutcomeEstimate Simulate(string item, KeyValuePair<string, string>[] assignments, long trials, ulong seed)
    {
        string json = File.ReadAllText(Path.Combine(Folder, item + ".json"));
        var scenario = ScenarioVariation.Apply(json, assignments, item);
        return MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = trials, Seed = seed }).Adopted;
    }

    private static string Num(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
