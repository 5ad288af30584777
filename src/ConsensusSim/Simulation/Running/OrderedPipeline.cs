using System.Runtime.ExceptionServices;

namespace ConsensusSim.Simulation;

/// <summary>
/// Runs items (chunks of trials, or a sweep's design points) on several threads and hands their results out
/// strictly in item order: the one scheduler of the library (<see cref="ChunkPipeline"/>, the sweep runner).
/// Workers claim the next item as soon as they finish one, so none waits at a barrier. The consumer's own
/// thread computes too: it hands out what is ready and, while the item it must hand out next is not, runs
/// the next unclaimed item itself, so n threads compute on n cores instead of n workers and a consumer
/// competing for them and woken once per item. No thread runs more than a window of items ahead of the
/// consumer, which bounds memory. Stopping early (precision reached, cancellation) discards whatever lies
/// beyond the prefix handed out, so every stopping point is still a prefix of the item sequence; the items
/// then in hand are abandoned through their token. An item that throws is treated the same way: the items
/// before it are handed out, then its exception is rethrown — whatever the thread count, as one thread would.
/// </summary>
/// <typeparam name="TWorker">What each thread keeps between its items, such as its trial kernel.</typeparam>
/// <typeparam name="TItem">An item's result.</typeparam>
internal sealed class OrderedPipeline<TWorker, TItem>
    where TItem : class
{
    private readonly Func<TWorker> _createWorker;
    private readonly Func<TWorker, long, CancellationToken, TItem?> _run;
    private readonly long _end;
    private readonly int _threads;
    private readonly CancellationToken _cancellationToken;
    private readonly object _gate = new();
    private readonly TItem?[] _ready;
    private long _nextClaim;
    private long _nextHandedOut;
    private int _running;
    private bool _stop;
    private ExceptionDispatchInfo? _failure;
    private long _failedItem = long.MaxValue;
    private CancellationToken _abandon;

    /// <summary>Prepares a pipeline over the items [<paramref name="first"/>, <paramref name="end"/>).</summary>
    /// <param name="first">The first item to run.</param>
    /// <param name="end">One past the last item.</param>
    /// <param name="threads">Threads that run items, the consumer's included; 1 runs each item on the consumer's thread when it asks for it.</param>
    /// <param name="createWorker">Makes a thread's worker state, on that thread; if it throws, the run fails as one thread would.</param>
    /// <param name="run">Runs an item on a worker; returns null if the token stopped it part-way (the item is then discarded).</param>
    /// <param name="cancellationToken">Stops claiming new items and abandons those in hand; items already finished in order are still handed out.</param>
    public OrderedPipeline(long first, long end, int threads, Func<TWorker> createWorker, Func<TWorker, long, CancellationToken, TItem?> run, CancellationToken cancellationToken)
    {
        _createWorker = createWorker;
        _run = run;
        _end = end;
        _cancellationToken = cancellationToken;
        _abandon = cancellationToken;
        _nextClaim = first;
        _nextHandedOut = first;

        // No more threads than items; eight items per thread keep every thread busy while the consumer
        // merges, and bound what is held.
        _threads = (int)Math.Min(threads, Math.Max(end - first, 1));
        _ready = new TItem?[_threads * 8];
    }

    /// <summary>The results of successive items, in item order; stop enumerating to stop the workers.</summary>
    /// <returns>One result per item.</returns>
    /// <remarks>An exception in an item (for example, from a custom behaviour) is rethrown here as it was thrown, after the items before it.</remarks>
    public IEnumerable<TItem> InOrder() => _threads == 1 ? Sequential() : Parallel();

    private IEnumerable<TItem> Sequential()
    {
        var worker = _createWorker();
        for (long item = _nextClaim; item < _end && !_cancellationToken.IsCancellationRequested; item++)
        {
            if (RunItem(worker, item) is not { } part)
            {
                yield break;
            }

            yield return part;
        }
    }

    private IEnumerable<TItem> Parallel()
    {
        var threads = new List<Thread>(_threads - 1);
        using var wake = _cancellationToken.Register(WakeAll);

        // Cancelled with the caller's token, or when the consumer stops asking: the workers' items in hand are then discarded.
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken);
        _abandon = abandon.Token;
        try
        {
            for (int w = 0; w < _threads - 1; w++)
            {
                var thread = new Thread(Work) { IsBackground = true, Name = $"ConsensusSim worker {w + 1}" };
                lock (_gate)
                {
                    _running++;
                }

                threads.Add(thread);
                thread.Start();
            }

            // Built after the workers start, so they do not wait for it; if it throws, so would one thread.
            var worker = _createWorker();
            while (Take(worker) is { } part)
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
            foreach (var thread in threads)
            {
                thread.Join();
            }
        }

        // Reached only when the consumer asked past the last item handed out: the failed item was next.
        _failure?.Throw();
    }

    /// <summary>
    /// The next item's tallies; until they are ready the consumer runs items itself on its own worker,
    /// and waits only when it cannot claim one. Null when the run is over, cancelled or failed.
    /// </summary>
    private TItem? Take(TWorker worker)
    {
        while (true)
        {
            var (ready, claimed) = NextReadyOrClaim();
            if (claimed is not long item)
            {
                return ready;
            }

            try
            {
                // An abandoned item is not stored: the prefix handed out ends before it.
                if (RunItem(worker, item) is { } part)
                {
                    Store(item, part);
                }
            }
            catch (Exception ex)
            {
                Fail(item, ExceptionDispatchInfo.Capture(ex));
            }
        }
    }

    /// <summary>
    /// Under the gate: the next item's tallies if they are ready (handed out), else a item the consumer
    /// claimed to run, else waits; (null, null) when the run is over, cancelled or failed.
    /// </summary>
    private (TItem? Ready, long? Claimed) NextReadyOrClaim()
    {
        lock (_gate)
        {
            while (true)
            {
                if (_nextHandedOut >= Math.Min(_failedItem, _end))
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

                if (TryClaim(out long item))
                {
                    return (null, item);
                }

                // Cancelled: workers finish the item in hand and leave; what they finished in order still counts.
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
            var worker = _createWorker();
            while (Claim() is long item)
            {
                TItem? part;
                try
                {
                    part = RunItem(worker, item);
                }
                catch (Exception ex)
                {
                    Fail(item, ExceptionDispatchInfo.Capture(ex));
                    return;
                }

                if (part is null)
                {
                    // Abandoned: the run is cancelled or over, and nothing after this item is handed out.
                    return;
                }

                Store(item, part);
            }
        }
        catch (Exception ex)
        {
            // Making the worker failed: one thread would have failed before its first item.
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

    /// <summary>Keeps the failure of the earliest item, which is the one a single thread would have met.</summary>
    private void Fail(long item, ExceptionDispatchInfo failure)
    {
        lock (_gate)
        {
            if (item < _failedItem)
            {
                _failedItem = item;
                _failure = failure;
            }

            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The next item to run, once it fits in the window; null when there is nothing (more) to do.</summary>
    private long? Claim()
    {
        lock (_gate)
        {
            while (true)
            {
                if (TryClaim(out long item))
                {
                    return item;
                }

                if (_stop || !Claimable())
                {
                    return null;
                }

                Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>Claims the next item if there is one and it fits in the window; call under the gate.</summary>
    private bool TryClaim(out long item)
    {
        item = _nextClaim;
        if (_stop || !Claimable() || _nextClaim >= _nextHandedOut + _ready.Length)
        {
            return false;
        }

        _nextClaim++;
        return true;
    }

    /// <summary>
    /// Whether items remain to be claimed at all. Chunks after a failed one would be discarded; those
    /// before it were all claimed already.
    /// </summary>
    private bool Claimable() =>
        _nextClaim < Math.Min(_failedItem, _end) && !_cancellationToken.IsCancellationRequested;

    private void Store(long item, TItem part)
    {
        lock (_gate)
        {
            _ready[Slot(item)] = part;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>One item's result, or null if it was abandoned part-way (it is dropped, never handed out).</summary>
    private TItem? RunItem(TWorker worker, long item) => _run(worker, item, _abandon);

    private int Slot(long item) => (int)(item % _ready.Length);

    private void WakeAll()
    {
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }
}
