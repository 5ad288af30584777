namespace ConsensusSim.Simulation;

/// <summary>
/// Runs Monte Carlo trials of a compiled scenario in parallel. Trials are split into fixed-size
/// chunks; trial t always draws from the stream (seed, t), so results are bit-identical for any
/// thread count and chunk size.
/// </summary>
/// <remarks><threadsafety>Stateless and thread-safe.</threadsafety></remarks>
public static class MonteCarloRunner
{
    /// <summary>Runs the scenario.</summary>
    /// <param name="scenario">The compiled scenario.</param>
    /// <param name="options">Trials, seed and threading; <see langword="null"/> uses the scenario's settings.</param>
    /// <param name="progress">Receives progress after each chunk, from worker threads; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the run at the next chunk.</param>
    /// <returns>The estimates.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Trials, threads or chunk size are not positive.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static SimulationResult Run(
        CompiledScenario scenario,
        SimulationOptions? options = null,
        IProgress<SimulationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new SimulationOptions();
        long trials = options.Trials ?? scenario.Scenario.Trials;
        ulong seed = options.Seed ?? scenario.Scenario.Seed;
        int threads = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1, "options.Trials");
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, "options.MaxDegreeOfParallelism");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkSize, 1, "options.ChunkSize");

        int chunkSize = options.ChunkSize;
        long chunks = ((trials - 1) / chunkSize) + 1;
        var total = new TrialAccumulator(scenario.StateCount, scenario.MaxRounds, scenario.ItemCount);
        var gate = new object();
        long completed = 0;

        Parallel.For(
            0L,
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken },
            () => (Kernel: new TrialKernel(scenario), Acc: new TrialAccumulator(scenario.StateCount, scenario.MaxRounds, scenario.ItemCount)),
            (chunk, _, worker) =>
            {
                long first = chunk * chunkSize;
                long count = Math.Min(chunkSize, trials - first);
                worker.Kernel.RunChunk(seed, first, count, worker.Acc);
                long done = Interlocked.Add(ref completed, count);
                progress?.Report(new SimulationProgress(done, trials));
                return worker;
            },
            worker =>
            {
                lock (gate)
                {
                    total.Add(worker.Acc);
                }
            });

        return new SimulationResult(scenario, seed, total);
    }
}
