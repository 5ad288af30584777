using System.Runtime.ExceptionServices;
using ConsensusSim.Engine;

namespace ConsensusSim.Simulation;

/// <summary>
/// Runs chunks of trials on several threads and hands their tallies out strictly in chunk order.
/// Workers claim the next chunk as soon as they finish one, so none waits at a barrier. The consumer's
/// own thread computes too: it hands out what is ready and, while the chunk it must hand out next is not,
/// runs the next unclaimed chunk itself, so n threads compute on n cores instead of n workers and a
/// consumer competing for them and woken once per chunk. No thread runs more than a window of chunks
/// ahead of the consumer, which bounds memory. Stopping early (precision
/// reached, cancellation) discards whatever lies beyond the prefix handed out, so every stopping point is
/// still a prefix of the chunk sequence; the chunks then in hand are abandoned within milliseconds, not
/// finished, whatever their size (the kernel looks at a token between sub-blocks of trials). A chunk that throws is treated the same way: the chunks before it
/// are handed out, then its exception is rethrown — whatever the thread count, as one thread would.
/// </summary>
internal sealed class ChunkPipeline
{
    private readonly CompiledScenario _scenario;
    private readonly KernelPlan _plan;
    private readonly RunIdentity _identity;
    private readonly int _threads;
    private readonly CancellationToken _cancellationToken;
    private readonly object _gate = new();
    private readonly TrialAccumulator?[] _ready;
    private long _nextClaim;
    private long _nextHandedOut;
    private int _running;
    private bool _stop;
    private ExceptionDispatchInfo? _failure;
    private long _failedChunk = long.MaxValue;
    private CancellationToken _abandon;

    /// <summary>Prepares a pipeline over the chunks [<paramref name="first"/>, <see cref="RunIdentity.EndChunk"/>) of a run.</summary>
    /// <param name="scenario">The compiled scenario every thread simulates; its kernels are planned once, here.</param>
    /// <param name="identity">The run: seed, chunk size and last chunk.</param>
    /// <param name="first">The first chunk to run.</param>
    /// <param name="threads">Threads that run chunks, the consumer's included; 1 runs each chunk on the consumer's thread when it asks for it.</param>
    /// <param name="cancellationToken">Stops claiming new chunks and abandons those in hand; chunks already finished in order are still handed out.</param>
    public ChunkPipeline(CompiledScenario scenario, RunIdentity identity, long first, int threads, CancellationToken cancellationToken)
    {
        _scenario = scenario;
        _plan = KernelPlan.For(scenario, conditional: identity.Conditional);
        _identity = identity;
        _cancellationToken = cancellationToken;
        _abandon = cancellationToken;
        _nextClaim = first;
        _nextHandedOut = first;

        // No more threads than chunks; eight chunks per thread keep every thread busy while the consumer
        // merges, and bound what is held.
        _threads = (int)Math.Min(threads, Math.Max(identity.EndChunk - first, 1));
        _ready = new TrialAccumulator?[_threads * 8];
    }

    /// <summary>The tallies of successive chunks, in chunk order; stop enumerating to stop the workers.</summary>
    /// <returns>One accumulator per chunk.</returns>
    /// <remarks>An exception in a chunk (for example, from a custom behaviour) is rethrown here as it was thrown, after the chunks before it.</remarks>
    public IEnumerable<TrialAccumulator> InOrder() => _threads == 1 ? Sequential() : Parallel();

    private IEnumerable<TrialAccumulator> Sequential()
    {
        var kernel = new TrialKernel(_plan);
        for (long chunk = _nextClaim; chunk < _identity.EndChunk && !_cancellationToken.IsCancellationRequested; chunk++)
        {
            if (RunChunk(kernel, chunk) is not { } part)
            {
                yield break;
            }

            yield return part;
        }
    }

    private IEnumerable<TrialAccumulator> Parallel()
    {
        var workers = new List<Thread>(_threads - 1);
        using var wake = _cancellationToken.Register(WakeAll);

        // Cancelled with the caller's token, or when the consumer stops asking: the workers' chunks in hand are then discarded.
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken);
        _abandon = abandon.Token;
        try
        {
            for (int w = 0; w < _threads - 1; w++)
            {
                var worker = new Thread(Work) { IsBackground = true, Name = $"ConsensusSim worker {w + 1}" };
                lock (_gate)
                {
                    _running++;
                }

                workers.Add(worker);
                worker.Start();
            }

            // Built after the workers start, so they do not wait for it; if it throws, so would one thread.
            var kernel = new TrialKernel(_plan);
            while (Take(kernel) is { } part)
            {
                yield return part;
            }
        }
        finally
        {
            lock (_gate)
            {
                _stop = true;
                Monitor.PulseAll(_gate);
            }

            abandon.Cancel();
            foreach (var worker in workers)
            {
                worker.Join();
            }
        }

        // Reached only when the consumer asked past the last chunk handed out: the failed chunk was next.
        _failure?.Throw();
    }

    /// <summary>
    /// The next chunk's tallies; until they are ready the consumer runs chunks itself on its own kernel,
    /// and waits only when it cannot claim one. Null when the run is over, cancelled or failed.
    /// </summary>
    private TrialAccumulator? Take(TrialKernel kernel)
    {
        while (true)
        {
            var (ready, claimed) = NextReadyOrClaim();
            if (claimed is not long chunk)
            {
                return ready;
            }

            try
            {
                // An abandoned chunk is not stored: the prefix handed out ends before it.
                if (RunChunk(kernel, chunk) is { } part)
                {
                    Store(chunk, part);
                }
            }
            catch (Exception ex)
            {
                Fail(chunk, ExceptionDispatchInfo.Capture(ex));
            }
        }
    }

    /// <summary>
    /// Under the gate: the next chunk's tallies if they are ready (handed out), else a chunk the consumer
    /// claimed to run, else waits; (null, null) when the run is over, cancelled or failed.
    /// </summary>
    private (TrialAccumulator? Ready, long? Claimed) NextReadyOrClaim()
    {
        lock (_gate)
        {
            while (true)
            {
                if (_nextHandedOut >= Math.Min(_failedChunk, _identity.EndChunk))
                {
                    return (null, null);
                }

                int slot = Slot(_nextHandedOut);
                if (_ready[slot] is { } part)
                {
                    _ready[slot] = null;
                    _nextHandedOut++;
                    Monitor.PulseAll(_gate);
                    return (part, null);
                }

                if (TryClaim(out long chunk))
                {
                    return (null, chunk);
                }

                // Cancelled: workers finish the chunk in hand and leave; what they finished in order still counts.
                if (_running == 0)
                {
                    return (null, null);
                }

                Monitor.Wait(_gate);
            }
        }
    }

    private void Work()
    {
        try
        {
            var kernel = new TrialKernel(_plan);
            while (Claim() is long chunk)
            {
                TrialAccumulator? part;
                try
                {
                    part = RunChunk(kernel, chunk);
                }
                catch (Exception ex)
                {
                    Fail(chunk, ExceptionDispatchInfo.Capture(ex));
                    return;
                }

                if (part is null)
                {
                    // Abandoned: the run is cancelled or over, and nothing after this chunk is handed out.
                    return;
                }

                Store(chunk, part);
            }
        }
        catch (Exception ex)
        {
            // Building the kernel failed: one thread would have failed before its first chunk.
            Fail(long.MinValue, ExceptionDispatchInfo.Capture(ex));
        }
        finally
        {
            lock (_gate)
            {
                _running--;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Keeps the failure of the earliest chunk, which is the one a single thread would have met.</summary>
    private void Fail(long chunk, ExceptionDispatchInfo failure)
    {
        lock (_gate)
        {
            if (chunk < _failedChunk)
            {
                _failedChunk = chunk;
                _failure = failure;
            }

            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The next chunk to run, once it fits in the window; null when there is nothing (more) to do.</summary>
    private long? Claim()
    {
        lock (_gate)
        {
            while (true)
            {
                if (TryClaim(out long chunk))
                {
                    return chunk;
                }

                if (_stop || !Claimable())
                {
                    return null;
                }

                Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>Claims the next chunk if there is one and it fits in the window; call under the gate.</summary>
    private bool TryClaim(out long chunk)
    {
        chunk = _nextClaim;
        if (_stop || !Claimable() || _nextClaim >= _nextHandedOut + _ready.Length)
        {
            return false;
        }

        _nextClaim++;
        return true;
    }

    /// <summary>
    /// Whether chunks remain to be claimed at all. Chunks after a failed one would be discarded; those
    /// before it were all claimed already.
    /// </summary>
    private bool Claimable() =>
        _nextClaim < Math.Min(_failedChunk, _identity.EndChunk) && !_cancellationToken.IsCancellationRequested;

    private void Store(long chunk, TrialAccumulator part)
    {
        lock (_gate)
        {
            _ready[Slot(chunk)] = part;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>One chunk's tallies, or null if it was abandoned part-way (its partial tallies are dropped, never merged).</summary>
    private TrialAccumulator? RunChunk(TrialKernel kernel, long chunk)
    {
        var part = new TrialAccumulator(_scenario.StateCount, _scenario.MaxRounds, _scenario.ItemCount);
        return kernel.RunChunk(_identity.Seed, chunk * _identity.ChunkSize, _identity.TrialsIn(chunk, 1), part, _abandon) ? part : null;
    }

    private int Slot(long chunk) => (int)(chunk % _ready.Length);

    private void WakeAll()
    {
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }
}
