using System.Globalization;
using BenchmarkDotNet.Attributes;
using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Benchmarks;

/// <summary>
/// Issue 20's fifth goal, side by side on the same two threads: a Latin-hypercube sweep of the default scenario through
/// the public sweep API (each point varied from the scenario file, validated, compiled, scheduled, run and its row
/// written as a line of text) against one run of the same scenario with as many trials as the whole sweep (baseline).
/// The Ratio column is the sweep's time over the single run's; in the shape with few trials per point the difference of
/// the two means, divided by the points, is the fixed cost of a point.
/// </summary>
/// <remarks>
/// <para>
/// Two shapes: 200 points × 10⁴ trials (the goal's 10⁴ × 10⁴ at a fiftieth of the points; goal: Ratio ≤ 1.25), and
/// 1,000 points × 100 trials, where a point's trials take a few microseconds and its fixed cost shows (goal: well
/// under a millisecond). The points vary tension and bloc correlation over narrow ranges around the file's own 0.8 and
/// 0.3, so a point's trials cost what the single run's do. The third row is the fixed cost alone: a point's scenario
/// made from the file and compiled, with no trials.
/// </para>
/// <para>Run: <c>dotnet run -c Release --project benchmarks/ConsensusSim.Benchmarks -- --filter '*SweepBenchmarks*' --job short</c>.</para>
/// </remarks>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class SweepBenchmarks
{
    private const int Threads = 2;
    private const ulong Seed = 2026;

    private ScenarioTemplate _template = null!;
    private SweepDesign _design = null!;
    private CompiledScenario _compiled = null!;

    /// <summary>Design points × trials per point.</summary>
    [ParamsSource(nameof(Shapes))]
    public SweepShape Shape { get; set; } = new(200, 10_000);

    /// <summary>The shapes measured.</summary>
    public static IEnumerable<SweepShape> Shapes => [new(200, 10_000), new(1_000, 100)];

    [GlobalSetup]
    public void Setup()
    {
        using var file = typeof(Scenario).Assembly.GetManifestResourceStream("ConsensusSim.Scenarios.default.json")
            ?? throw new InvalidOperationException("The default scenario is not embedded in the library.");
        using var bytes = new MemoryStream();
        file.CopyTo(bytes);
        _template = ScenarioTemplate.Parse(bytes.ToArray(), "counter-terrorism-pc.json");
        _design = SweepDesign.LatinHypercube([new SweepRange("tension", 0.75, 0.85), new SweepRange("blocCorrelation", 0.25, 0.35)], Shape.Points, Seed);
        _compiled = _template.Scenario.Compile();
    }

    /// <summary>One run of points × trials per point trials of the file's scenario on the same threads.</summary>
    /// <returns>Adopted trials.</returns>
    [Benchmark(Baseline = true)]
    public long SingleRun() =>
        MonteCarloRunner.Run(_compiled, new SimulationOptions { Trials = (long)Shape.Points * Shape.TrialsPerPoint, Seed = Seed, MaxDegreeOfParallelism = Threads }).Adopted.Count;

    /// <summary>The sweep, every row written as a line of text.</summary>
    /// <returns>Characters written.</returns>
    [Benchmark]
    public long Sweep()
    {
        var options = new SweepOptions { Trials = Shape.TrialsPerPoint, Seed = Seed, MaxDegreeOfParallelism = Threads };
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var row in SweepRunner.Run(_template, _design, options))
        {
            var r = row.Result;
            writer.Write(row.Index + 1);
            foreach (var (_, value) in row.Assignments)
            {
                writer.Write(',');
                writer.Write(value);
            }

            writer.Write(',');
            writer.Write(r.Adopted.Probability.ToString("R", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(r.Deadlocked.Probability.ToString("R", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.WriteLine(r.Trials);
        }

        return writer.GetStringBuilder().Length;
    }

    /// <summary>The fixed cost alone: every point's scenario made from the file and compiled, on one thread.</summary>
    /// <returns>States compiled.</returns>
    [Benchmark]
    public long PointScenarios()
    {
        long states = 0;
        for (int i = 0; i < _design.Count; i++)
        {
            states += _template.Apply(_design.Point(i)).Compile().StateCount;
        }

        return states;
    }
}

/// <summary>A sweep's shape: design points and trials at each.</summary>
/// <param name="Points">Design points.</param>
/// <param name="TrialsPerPoint">Trials per point.</param>
public sealed record SweepShape(int Points, int TrialsPerPoint)
{
    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant($"{Points:N0} × {TrialsPerPoint:N0}");
}
