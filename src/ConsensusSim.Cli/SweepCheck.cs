using System.Runtime.ExceptionServices;

namespace ConsensusSim.Cli;

/// <summary>
/// The check of every design point of a sweep (<see cref="SweepPlan.CheckEveryPoint"/>), on threads of its
/// own while the first points run. Checking 100,000 points of a 57-State scenario takes a quarter of a
/// minute of processor time, as long again as building them to run; run first, the check held back the
/// first row that long. Running beside the points, it still finds a bad point long before the sweep
/// reaches it, stops the run, and reports the same problem whatever the scheduling; and since rows reach
/// their file only when the sweep completes, and standard output only once the check has passed, a bad
/// point anywhere still leaves nothing written.
/// </summary>
internal sealed class SweepCheck : IDisposable
{
    private readonly Task<bool> _task;
    private readonly CancellationTokenSource _stop;

    private SweepCheck(Task<bool> task, CancellationTokenSource stop)
    {
        _task = task;
        _stop = stop;
    }

    /// <summary>Whether every point was checked and none has a problem.</summary>
    public bool Passed => _task.IsCompletedSuccessfully && _task.Result;

    /// <summary>Starts checking.</summary>
    /// <param name="plan">The sweep.</param>
    /// <param name="conditional">Whether every point must support conditional Monte Carlo.</param>
    /// <param name="threads">Threads checking.</param>
    /// <param name="stopRun">Cancelled when the check finds a problem, to stop the points running.</param>
    /// <param name="interrupt">Ctrl+C or SIGTERM: stops the check.</param>
    /// <returns>The running check.</returns>
    public static SweepCheck Start(SweepPlan plan, bool conditional, int threads, CancellationTokenSource stopRun, CancellationToken interrupt)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        var task = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    return plan.CheckEveryPoint(conditional, threads, stop.Token);
                }
                catch
                {
                    stopRun.Cancel();
                    throw;
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        return new SweepCheck(task, stop);
    }

    /// <summary>Waits for the check and throws the problem it found, if any.</summary>
    /// <returns>Whether every point was checked: false when interrupted.</returns>
    public bool Finish()
    {
        Wait();
        return _task.Result;
    }

    /// <summary>After the run failed: throws the problem the check finds, if any, so the report is the same whatever the scheduling.</summary>
    /// <param name="waitForIt">Whether the run's failure may be a problem of the design, which the check will find; otherwise it is stopped.</param>
    public void ThrowProblem(bool waitForIt)
    {
        if (!waitForIt)
        {
            _stop.Cancel();
        }

        Wait();
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _task.Wait();
        }
        catch (AggregateException)
        {
            // Reported by Finish or ThrowProblem, or beside a failure that is.
        }

        _stop.Dispose();
    }

    private void Wait()
    {
        try
        {
            _task.Wait();
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }
    }
}
