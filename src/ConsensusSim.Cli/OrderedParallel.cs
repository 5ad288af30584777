using System.Runtime.ExceptionServices;

namespace ConsensusSim.Cli;

/// <summary>
/// Computes items 0, 1, 2, … on several threads and hands each result to one consumer in item order, as
/// soon as every earlier item is done. At most a window of items (four per thread) is computed ahead of
/// the consumer, so memory does not grow with the number of items whatever their speeds.
/// </summary>
internal static class OrderedParallel
{
    /// <summary>Runs the items.</summary>
    /// <typeparam name="T">A result.</typeparam>
    /// <param name="count">The number of items.</param>
    /// <param name="threads">The number of threads computing.</param>
    /// <param name="compute">Computes an item; its token is cancelled when the run stops (cancellation, a failure, or the consumer stopping).</param>
    /// <param name="consume">Takes the results in order, on the calling thread; returns false to stop.</param>
    /// <param name="cancellationToken">Stops handing out items; items being computed see it through their token.</param>
    /// <returns>How many results were consumed.</returns>
    public static int Run<T>(int count, int threads, Func<int, CancellationToken, T> compute, Func<int, T, bool> consume, CancellationToken cancellationToken)
        where T : class
    {
        int window = 4 * threads;
        var slots = new T?[window];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var free = new SemaphoreSlim(window);
        using var ready = new SemaphoreSlim(0);
        int claimed = -1;
        ExceptionDispatchInfo? failure = null;

        void Work()
        {
            try
            {
                while (true)
                {
                    free.Wait(CancellationToken.None);
                    int item = Interlocked.Increment(ref claimed);
                    if (stop.IsCancellationRequested || item >= count)
                    {
                        return;
                    }

                    // Items in flight lie in [consumed, consumed + window): their slots are distinct.
                    Volatile.Write(ref slots[item % window], compute(item, stop.Token));
                    ready.Release();
                }
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(ex), null);
                stop.Cancel();
            }
            finally
            {
                ready.Release();
            }
        }

        var workers = Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        var done = Task.WhenAll(workers);

        // Wakes the consumer once every worker has gone, so it cannot wait for a result that will never come.
        var wake = done.ContinueWith(_ => ready.Release(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        int consumed = 0;
        try
        {
            // Results already complete are still taken after a stop; an item cut short is the consumer's to refuse.
            while (consumed < count)
            {
                var result = Volatile.Read(ref slots[consumed % window]);
                if (result is null)
                {
                    if (done.IsCompleted && Volatile.Read(ref slots[consumed % window]) is null)
                    {
                        break;
                    }

                    ready.Wait(CancellationToken.None);
                    continue;
                }

                slots[consumed % window] = null;
                if (!consume(consumed, result))
                {
                    break;
                }

                consumed++;
                free.Release();
            }
        }
        finally
        {
            stop.Cancel();
            free.Release(threads);
            Task.WaitAll(workers, CancellationToken.None);
            wake.Wait(CancellationToken.None);
        }

        failure?.Throw();
        return consumed;
    }
}
