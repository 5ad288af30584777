using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Benchmarks;

/// <summary>
/// Issue 20's per-trial ratios, measured with the trials of every class run in turn in one process. On a shared host
/// the load moves a process's speed by half within seconds, and moves some trials more than others, so two
/// BenchmarkDotNet processes minutes apart can measure the same code under different loads. Here each round runs one
/// chunk of every class, in an order that rotates from round to round, and each ratio is taken within its round; the
/// table gives the medians over the rounds. BenchmarkDotNet's side-by-side run stays the record (docs/performance.md);
/// this is the check on its ratios.
/// </summary>
/// <remarks>
/// Run pinned to one processor:
/// <c>taskset -c 0 dotnet run -c Release --project benchmarks/ConsensusSim.Benchmarks -- --interleaved [--rounds 61] [--trials 10000]</c>.
/// </remarks>
internal static class InterleavedRatios
{
    /// <summary>Whether the command line asks for this mode rather than BenchmarkDotNet.</summary>
    public static bool Requested(string[] args) => args.Length > 0 && args[0] == "--interleaved";

    /// <summary>Runs the rounds and prints the table; 2 with a message for a bad option.</summary>
    public static int Run(string[] args)
    {
        if (!TryReadOptions(args, out int rounds, out int trials))
        {
            return 2;
        }

        var classes = Classes(trials);
        var times = RunRounds(classes, rounds, trials);

        // Precision per second of conditional-only trials over counting = variance reduction × time ratio.
        double reductionReference = VarianceReduction(SyntheticScenarios.Reference());
        double reductionDefault = VarianceReduction(Scenario.Default.Compile());
        Print(classes, times, trials, reductionReference, reductionDefault);
        return 0;
    }

    /// <summary>
    /// Reads a mode's options after its name (args[0]): --rounds N and --trials N. False, with a message naming the mode
    /// and the option on standard error, for a bad one.
    /// </summary>
    internal static bool TryReadOptions(string[] args, out int rounds, out int trials)
    {
        rounds = 61;
        trials = 10_000;
        for (int i = 1; i < args.Length; i += 2)
        {
            string given = i + 1 < args.Length ? args[i + 1] : "nothing";
            int? value = int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : null;
            switch (args[i])
            {
                case "--rounds" when value is >= 1 and <= 100_000:
                    rounds = value.Value;
                    break;
                case "--rounds":
                    return Refuse(args[0], $"--rounds needs a whole number from 1 to 100,000, not {given}.");
                case "--trials" when value is >= 1_000 and <= 10_000_000 && value % 2 == 0:
                    trials = value.Value;
                    break;
                case "--trials":
                    return Refuse(args[0], $"--trials needs an even number from 1,000 to 10,000,000 (the floor draws two trials at a time; fewer would be timed too coarsely), not {given}.");
                default:
                    return Refuse(args[0], $"'{args[i]}' is not an option of {args[0]}; its options are --rounds N and --trials N.");
            }
        }

        return true;
    }

    private static bool Refuse(string mode, string message)
    {
        Console.Error.WriteLine($"{mode}: {message}");
        return false;
    }

    /// <summary>One class of trial: its name and a chunk of trials.</summary>
    internal sealed record TrialClass(string Name, Action Chunk);

    // The classes' places in a round; the ratios read them by these.
    private const int Floor = 0, Reference = 1, DefaultScenario = 2, FixedObjection = 3, ReferenceOnly = 4, DefaultOnly = 5;

    private static TrialClass[] Classes(int trials)
    {
        var reference = SyntheticScenarios.Reference();
        var defaultScenario = Scenario.Default.Compile();
        var accumulator = new TrialAccumulator(reference.StateCount, 1);
        TrialClass Kernel(string name, TrialKernel kernel) => new(name, () => kernel.RunChunk(1, 0, trials, accumulator));

        var classes = new TrialClass[6];
        classes[Floor] = FloorClass(trials);
        classes[Reference] = Kernel("reference trial", new TrialKernel(reference));
        classes[DefaultScenario] = Kernel("default scenario", new TrialKernel(defaultScenario));
        classes[FixedObjection] = Kernel("fixed objection", new TrialKernel(SyntheticScenarios.FixedObjection()));
        classes[ReferenceOnly] = Kernel("reference, conditional only", new TrialKernel(KernelPlan.For(reference, conditionalOnly: true)));
        classes[DefaultOnly] = Kernel("default, conditional only", new TrialKernel(KernelPlan.For(defaultScenario, conditionalOnly: true)));
        return classes;
    }

    /// <summary>The floor as SingleRoundBenchmarks.RandomNumbersOnly draws it: two trials' 64 normals per call.</summary>
    internal static TrialClass FloorClass(int trials)
    {
        var noise = new float[64];
        var next = new float[64];
        return new("floor (random numbers only)", () =>
        {
            for (long t = 0; t < trials; t += 2)
            {
                NormalBlock.FillPair(1, t, noise, t + 1, next);
            }
        });
    }

    /// <summary>
    /// Nanoseconds per trial, [round][class], after a warm-up long enough for the runtime to optimise every method the loops
    /// call: on one processor it waits ten times longer before it starts (three seconds covers that).
    /// </summary>
    internal static double[][] RunRounds(TrialClass[] classes, int rounds, int trials)
    {
        var warmUp = Stopwatch.StartNew();
        for (int warm = 0; warm < 20 || warmUp.Elapsed < TimeSpan.FromSeconds(3); warm++)
        {
            Array.ForEach(classes, c => c.Chunk());
        }

        var times = new double[rounds][];
        for (int r = 0; r < rounds; r++)
        {
            times[r] = new double[classes.Length];
            for (int j = 0; j < classes.Length; j++)
            {
                int c = (r + j) % classes.Length;
                long start = Stopwatch.GetTimestamp();
                classes[c].Chunk();
                times[r][c] = (Stopwatch.GetTimestamp() - start) * (1e9 / Stopwatch.Frequency) / trials;
            }
        }

        return times;
    }

    private static void Print(TrialClass[] classes, double[][] times, int trials, double reductionReference, double reductionDefault)
    {
        Console.WriteLine($"// {times.Length} rounds of {trials:N0} trials per class, {Placement()}; the floor's fastest round {times.Min(t => t[Floor]):F1} ns");
        Console.WriteLine("| class | median ns/trial |");
        Console.WriteLine("|---|---:|");
        for (int c = 0; c < classes.Length; c++)
        {
            Console.WriteLine($"| {classes[c].Name} | {Median(times, t => t[c])} |");
        }

        Console.WriteLine();
        Console.WriteLine("| ratio, median of the rounds' own | goal (issue 20) | median |");
        Console.WriteLine("|---|---|---:|");
        Row("1. default scenario ÷ reference trial", "≤ 1.5", t => t[DefaultScenario] / t[Reference]);
        Row("2. fixed objection ÷ reference trial", "≤ 1", t => t[FixedObjection] / t[Reference]);
        Row("4. reference trial ÷ floor", "≤ 1.2", t => t[Reference] / t[Floor]);
        Row($"8. conditional-only precision per second, reference (variance {reductionReference:F1}× smaller)", "≥ 5", t => reductionReference * t[Reference] / t[ReferenceOnly]);
        Row($"8. conditional-only precision per second, default (variance {reductionDefault:F1}× smaller)", "≥ 5", t => reductionDefault * t[DefaultScenario] / t[DefaultOnly]);

        void Row(string name, string goal, Func<double[], double> ratio) =>
            Console.WriteLine($"| {name} | {goal} | {Median(times, ratio, "F2")} |");
    }

    /// <summary>Where the process ran: pinned to one processor only if its affinity allows no other.</summary>
    internal static string Placement()
    {
        int processor = Thread.GetCurrentProcessorId();
        bool pinned = (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
            && BitOperations.PopCount((ulong)(long)Process.GetCurrentProcess().ProcessorAffinity) == 1;
        return pinned
            ? $"pinned to processor {processor}"
            : $"not pinned (last on processor {processor}; pin with taskset -c 0)";
    }

    private static double VarianceReduction(CompiledScenario scenario) =>
        MonteCarloRunner.Run(scenario, new SimulationOptions { Trials = 400_000, Seed = 1, ConditionalOnly = true, MaxDegreeOfParallelism = 1 })
            .ConditionalAdopted!.VarianceReduction;

    internal static string Median(double[][] rows, Func<double[], double> value, string format = "F1")
    {
        var sorted = rows.Select(value).Order().ToArray();
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        return median.ToString(format, CultureInfo.InvariantCulture);
    }
}
