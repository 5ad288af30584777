using System.Runtime.ExceptionServices;
using ConsensusSim.Model;
using ConsensusSim.Simulation;

namespace ConsensusSim.Calibration;

/// <summary>
/// Fits a spec's parameters to the observed record by maximum likelihood (binomial; penalised by any priors), and
/// judges the model out of sample. Every cell's P(adopted) is simulated with the same seed at every evaluation (common
/// random numbers) and, where it applies, by conditional Monte Carlo, so the deviance is a smooth function of the
/// parameters; probabilities are clamped to [1/(2·trials), 1 − 1/(2·trials)]. Parameters are searched by MathNet's
/// Nelder–Mead simplex on the unit cube of their bounds from a few Latin-hypercube starts; each gets a 95 %
/// profile-likelihood interval and identifiability flags. Results are the same for any thread count.
/// </summary>
/// <remarks><threadsafety>Stateless and thread-safe.</threadsafety></remarks>
public static class Calibrator
{
    /// <summary>Fits every cell a template simulates.</summary>
    /// <param name="spec">The spec.</param>
    /// <param name="options">Overrides of trials and seed, and threads; <see langword="null"/> uses the spec's and every core.</param>
    /// <param name="progress">Receives progress after each block fit and each profile, from worker threads; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the fit within a simulation; then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">No template simulates any cell (<c>spec</c>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; <see cref="ArgumentException.ParamName"/> names it, e.g. <c>options.Trials</c>.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static CalibrationResult Fit(CalibrationSpec spec, CalibrationOptions? options = null, IProgress<CalibrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var run = Prepare(spec, options);
        int[] cells = [.. Enumerable.Range(0, spec.Cells.Count)];
        var steps = new StepCounter(progress, run.Simulator, Steps(run, [cells]));
        return run.FitCells(cells, steps, string.Empty, cancellationToken);
    }

    /// <summary>Fits the cells that no selector matches and predicts those that one does.</summary>
    /// <param name="spec">The spec.</param>
    /// <param name="heldOut">The cells to hold out: every cell that any selector matches (<c>period=crisis-2014</c>).</param>
    /// <param name="options">As for <see cref="Fit"/>.</param>
    /// <param name="progress">As for <see cref="Fit"/>.</param>
    /// <param name="cancellationToken">As for <see cref="Fit"/>.</param>
    /// <returns>The fit and the scores of the held-out cells beside the baselines'.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// No selector is given, no fitted cell or every fitted cell is held out (<c>heldOut</c>); or a parameter applies to
    /// held-out cells but to no cell left to fit it, and has no prior to stand in (<c>spec</c>).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static OutOfSampleResult Holdout(CalibrationSpec spec, IEnumerable<CellSelector> heldOut, CalibrationOptions? options = null, IProgress<CalibrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        CellSelector[] selectors = [.. heldOut];
        if (selectors.Length == 0 || selectors.Any(s => s is null))
        {
            throw ArgumentReason.Stated(nameof(heldOut), "Give at least one selector of the cells to hold out, and no null.");
        }

        var run = Prepare(spec, options);
        var split = Enumerable.Range(0, spec.Cells.Count).ToLookup(c => selectors.Any(s => s.Matches(spec.Cells[c].Observed)));
        int[] test = [.. split[true]], train = [.. split[false]];
        string described = string.Join(", ", selectors.Select(s => s.ToString()));
        if (test.Length == 0 || train.Length == 0)
        {
            throw ArgumentReason.Invalid(nameof(heldOut), test.Length == 0 ? $"matches no fitted cell ({described})." : $"matches every fitted cell ({described}); nothing is left to fit.");
        }

        run.CheckPredictable(train, test, described);
        var steps = new StepCounter(progress, run.Simulator, Steps(run, [train]));
        return run.Predict(described, train, test, steps, string.Empty, cancellationToken);
    }

    /// <summary>
    /// Rolling-origin validation: for each period of <see cref="CalibrationSpec.PeriodOrder"/> after the first with fitted
    /// cells, fits every earlier period's cells and predicts that period's.
    /// </summary>
    /// <param name="spec">The spec.</param>
    /// <param name="options">As for <see cref="Fit"/>.</param>
    /// <param name="progress">As for <see cref="Fit"/>; the step names the predicted period.</param>
    /// <param name="cancellationToken">As for <see cref="Fit"/>.</param>
    /// <returns>A step per predicted period, and the pooled scores.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The fitted cells fall in fewer than two periods; or a parameter applies to a predicted period's cells but to no
    /// earlier cell, and has no prior to stand in (<c>spec</c>): such a parameter (an era's own value) cannot be learnt
    /// before its period.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static RollingOriginResult RollingOrigin(CalibrationSpec spec, CalibrationOptions? options = null, IProgress<CalibrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var run = Prepare(spec, options);
        var periods = spec.PeriodOrder.Where(p => spec.Cells.Any(c => c.Observed.Period == p)).ToList();
        if (periods.Count < 2)
        {
            throw ArgumentReason.Stated(nameof(spec), "Rolling-origin validation needs fitted cells in at least two periods.");
        }

        var splits = periods.Skip(1).Select((p, k) => (Period: p, Train: run.CellsOf(periods.Take(k + 1)), Test: run.CellsOf([p]))).ToList();
        foreach (var (period, train, test) in splits)
        {
            run.CheckPredictable(train, test, "period=" + period);
        }

        var steps = new StepCounter(progress, run.Simulator, Steps(run, [.. splits.Select(s => s.Train)]));
        var results = splits.Select((s, k) => new RollingOriginStep(
            s.Period,
            [.. periods.Take(k + 1)],
            run.Predict("period=" + s.Period, s.Train, s.Test, steps, s.Period + ": ", cancellationToken))).ToList();
        return new RollingOriginResult(results, [periods[0]]);
    }

    private static Run Prepare(CalibrationSpec spec, CalibrationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= new CalibrationOptions();
        if (options.Trials is long trials && trials is < 1 or > SimulationOptions.MaxTrials)
        {
            throw ArgumentReason.OutOfRange("options.Trials", trials, $"must be 1 to {SimulationOptions.MaxTrials}; got {trials}.");
        }

        if (options.MaxDegreeOfParallelism is int t && t is < 1 or > SimulationOptions.MaxThreads)
        {
            throw ArgumentReason.OutOfRange("options.MaxDegreeOfParallelism", t, $"must be 1 to {SimulationOptions.MaxThreads}; got {t}.");
        }

        if (spec.Cells.Count == 0)
        {
            throw ArgumentReason.Stated(nameof(spec), $"No template simulates any cell of the record ({spec.Skipped.Count} cells, all skipped).");
        }

        int threads = options.MaxDegreeOfParallelism ?? Math.Min(Environment.ProcessorCount, SimulationOptions.MaxThreads);
        return new Run(spec, new CellSimulator(spec, options.Trials ?? spec.Trials, options.Seed ?? spec.Seed), threads);
    }

    private static int Steps(Run run, IEnumerable<int[]> fits) =>
        fits.Sum(cells => ParameterBlock.Partition(run.Simulator, cells, run.Spec.Parameters.Count).Sum(b => b.Parameters.Length == 0 ? 0 : b.Cells.Length == 0 ? 1 : 1 + b.Parameters.Length));

    /// <summary>Counts steps and reports them, one report at a time.</summary>
    private sealed class StepCounter(IProgress<CalibrationProgress>? progress, CellSimulator simulator, int total)
    {
        private readonly Lock _gate = new();
        private int _done;

        public void Done(string step)
        {
            lock (_gate)
            {
                _done++;
                progress?.Report(new CalibrationProgress(step, _done, total, simulator.Simulations));
            }
        }
    }

    private sealed class Run(CalibrationSpec spec, CellSimulator simulator, int threads)
    {
        public CalibrationSpec Spec { get; } = spec;

        public CellSimulator Simulator { get; } = simulator;

        public int[] CellsOf(IEnumerable<string> periods)
        {
            var set = periods.ToHashSet(StringComparer.Ordinal);
            return [.. Enumerable.Range(0, Spec.Cells.Count).Where(c => set.Contains(Spec.Cells[c].Observed.Period))];
        }

        /// <summary>Refuses a split where a held-out cell depends on a parameter that no training cell informs and no prior stands in for.</summary>
        public void CheckPredictable(int[] train, int[] test, string heldOut)
        {
            var informed = train.SelectMany(Simulator.ParametersOf).ToHashSet();
            foreach (int j in test.SelectMany(Simulator.ParametersOf).Distinct().Order())
            {
                var parameter = Spec.Parameters[j];
                if (!informed.Contains(j) && parameter.Prior is null)
                {
                    throw ArgumentReason.Stated(
                        "spec",
                        $"Parameter '{parameter.Name}' applies to the held-out cells ({heldOut}) but to no cell left to fit it, so nothing learnt without them gives it a value: give it a prior (its mean then stands in) or let it apply to other periods too.");
                }
            }
        }

        public OutOfSampleResult Predict(string heldOut, int[] train, int[] test, StepCounter steps, string prefix, CancellationToken token)
        {
            var fit = FitCells(train, steps, prefix, token);
            double[] theta = [.. fit.Parameters.Select(p => p.Estimate)];
            var values = Simulator.Values(test, theta, threads, token);
            var training = train.Select(c => Spec.Cells[c].Observed).ToList();
            var predictions = test.Select((c, k) =>
            {
                var cell = Spec.Cells[c].Observed;
                double previous = BaselineForecast.PreviousPeriod(training, cell, Spec.PeriodOrder, out bool fellBack);
                return new CellPrediction(cell, Simulator.Clamp(values[k].Probability), values[k].Smooth, BaselineForecast.BaseRate(training, cell), previous, fellBack);
            }).ToList();
            return new OutOfSampleResult(heldOut, fit, predictions);
        }

        public CalibrationResult FitCells(int[] cells, StepCounter steps, string prefix, CancellationToken token)
        {
            var blocks = ParameterBlock.Partition(Simulator, cells, Spec.Parameters.Count).Where(b => b.Parameters.Length > 0).ToList();
            var fitted = blocks.Where(b => b.Cells.Length > 0).ToList();
            int side = Math.Max(1, Math.Min(threads, fitted.Count));
            int each = Math.Max(1, threads / side);
            var results = new BlockResult[fitted.Count];
            try
            {
                Parallel.For(0, fitted.Count, new ParallelOptions { MaxDegreeOfParallelism = side, CancellationToken = token }, b =>
                {
                    var fitter = new BlockFitter(Spec, Simulator, fitted[b], each, token);
                    results[b] = fitter.Fit(name => steps.Done($"{prefix}profiled {name}"));
                    steps.Done($"{prefix}fitted {string.Join(", ", fitted[b].Parameters.Select(j => Spec.Parameters[j].Name))}");
                });
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
            {
                ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            }

            var estimates = new ParameterEstimate[Spec.Parameters.Count];
            foreach (var result in results)
            {
                for (int i = 0; i < result.Block.Parameters.Length; i++)
                {
                    estimates[result.Block.Parameters[i]] = result.Estimates[i];
                }
            }

            foreach (var block in blocks.Where(b => b.Cells.Length == 0))
            {
                var parameter = Spec.Parameters[block.Parameters[0]];
                estimates[block.Parameters[0]] = new ParameterEstimate(parameter, parameter.Prior?.Mean ?? double.NaN, parameter.Low, parameter.High, Identifiability.NoData | Identifiability.Flat, 0);
                steps.Done($"{prefix}no data for {parameter.Name}");
            }

            double[] theta = [.. estimates.Select(e => e.Estimate)];
            var values = Simulator.Values(cells, theta, threads, token);
            var fits = cells.Select((c, k) =>
            {
                var cell = Spec.Cells[c];
                double p = Simulator.Clamp(values[k].Probability);
                var o = cell.Observed;
                return new CellFit(o, cell.Template.Key, p, values[k].StandardError, values[k].Smooth, values[k].WhyNotSmooth, BinomialScore.Deviance(o.Adopted, o.Attempts, p));
            }).ToList();
            return new CalibrationResult(Spec, Simulator.Trials, Simulator.Seed, estimates, fits, Spec.Skipped, results.All(r => r.Converged), Simulator.Simulations);
        }
    }
}
