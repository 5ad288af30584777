using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using ConsensusSim.Simulation;

namespace ConsensusSim.Calibration;

/// <summary>
/// Simulates P(adopted) of the spec's cells at given parameter values: each cell's template with its period, the
/// spec's and the template's settings and the values of the parameters that apply to it, run with the same trials and
/// seed every time (common random numbers), by conditional Monte Carlo where it applies and by counting adoptions
/// where it does not. Values are cached by cell and the values that reach it.
/// </summary>
/// <remarks><threadsafety>Thread-safe: blocks of parameters are fitted side by side.</threadsafety></remarks>
internal sealed class CellSimulator
{
    private readonly CalibrationSpec _spec;
    private readonly int[][] _parametersOf;
    private readonly ConcurrentDictionary<string, CellValue> _cache = new(StringComparer.Ordinal);
    private long _simulations;

    public CellSimulator(CalibrationSpec spec, long trials, ulong seed)
    {
        _spec = spec;
        Trials = trials;
        Seed = seed;
        _parametersOf = [.. spec.Cells.Select(c => Enumerable.Range(0, spec.Parameters.Count).Where(j => spec.Parameters[j].AppliesToCell(c.Observed)).ToArray())];
    }

    public long Trials { get; }

    public ulong Seed { get; }

    /// <summary>Monte Carlo runs so far (cached values not counted).</summary>
    public long Simulations => Interlocked.Read(ref _simulations);

    /// <summary>The smallest probability a cell is given, 1/(2·trials); the largest is one minus it.</summary>
    public double Floor => 0.5 / Trials;

    /// <summary>The indices of the parameters that apply to a cell.</summary>
    public IReadOnlyList<int> ParametersOf(int cell) => _parametersOf[cell];

    /// <summary>A probability clamped to [1/(2·trials), 1 − 1/(2·trials)], so that a log score or deviance stays finite.</summary>
    public double Clamp(double p) => Math.Clamp(p, Floor, 1 - Floor);

    /// <summary>The values of several cells, simulated side by side on up to <paramref name="threads"/> threads.</summary>
    public CellValue[] Values(IReadOnlyList<int> cells, double[] theta, int threads, CancellationToken token)
    {
        var values = new CellValue[cells.Count];
        var missing = new List<int>();
        for (int i = 0; i < cells.Count; i++)
        {
            if (_cache.TryGetValue(Key(cells[i], theta), out var known))
            {
                values[i] = known;
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count <= 1 || threads <= 1)
        {
            foreach (int i in missing)
            {
                values[i] = Value(cells[i], theta, threads, token);
            }

            return values;
        }

        int each = Math.Max(1, threads / missing.Count);
        try
        {
            Parallel.ForEach(missing, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = token }, i => values[i] = Value(cells[i], theta, each, token));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }

        return values;
    }

    /// <summary>The cell's scenario settings at the parameter values: period, spec settings, template settings, parameters, in that order (later ones win).</summary>
    public List<KeyValuePair<string, string>> Assignments(int cell, double[] theta)
    {
        var c = _spec.Cells[cell];
        var list = new List<KeyValuePair<string, string>>();
        if (_spec.PeriodPath is { } periodPath)
        {
            list.Add(new(periodPath, c.Observed.Period));
        }

        list.AddRange(_spec.Settings);
        list.AddRange(c.Template.Settings);
        foreach (int j in _parametersOf[cell])
        {
            list.Add(new(_spec.Parameters[j].Path, Format(theta[j])));
        }

        return list;
    }

    /// <summary>The round-trip text of a value: what a cell runs is exactly the value the optimiser chose.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private CellValue Value(int cell, double[] theta, int threads, CancellationToken token)
    {
        string key = Key(cell, theta);
        if (_cache.TryGetValue(key, out var known))
        {
            return known;
        }

        var compiled = _spec.Cells[cell].Template.Scenario.Apply(Assignments(cell, theta)).Compile();
        bool smooth = MonteCarloRunner.SupportsConditionalMonteCarlo(compiled, out string? why);
        // One chunk per thread: each chunk costs a kernel's set-up, which is most of a run of a few thousand trials.
        int chunk = (int)Math.Min(int.MaxValue, ((Trials - 1) / threads) + 1);
        var options = new SimulationOptions { Trials = Trials, Seed = Seed, ConditionalMonteCarlo = smooth, MaxDegreeOfParallelism = threads, ChunkSize = chunk };
        var result = MonteCarloRunner.Run(compiled, options, cancellationToken: token);
        token.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _simulations);
        var value = smooth
            ? new CellValue(result.ConditionalAdopted!.Probability, result.ConditionalAdopted.StandardError, true, null)
            : new CellValue(result.Adopted.Probability, result.Adopted.StandardError, false, why);
        _cache.TryAdd(key, value);
        return value;
    }

    private string Key(int cell, double[] theta)
    {
        var parts = _parametersOf[cell].Select(j => Format(theta[j]));
        return cell.ToString(CultureInfo.InvariantCulture) + ":" + string.Join(",", parts);
    }
}

/// <summary>A cell's simulated P(adopted), unclamped, with its Monte Carlo standard error and the estimator used.</summary>
/// <param name="Probability">The estimate.</param>
/// <param name="StandardError">Its Monte Carlo standard error.</param>
/// <param name="Smooth">Whether it is the conditional Monte Carlo estimate (smooth in the parameters), not the count of adoptions.</param>
/// <param name="WhyNotSmooth">Why conditional Monte Carlo did not apply, when it did not.</param>
internal readonly record struct CellValue(double Probability, double StandardError, bool Smooth, string? WhyNotSmooth);
