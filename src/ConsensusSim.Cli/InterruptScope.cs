using System.Runtime.InteropServices;

namespace ConsensusSim.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM, turned into a cancellation for as long as a command runs. Schedulers
/// (Slurm on preemption or requeue, Kubernetes on eviction) send SIGTERM before killing, so both signals
/// stop the work at the next point where what is done is complete; the command writes that, marked as
/// partial, and exits with <see cref="ExitCodes.Interrupted"/>. The process itself is not terminated.
/// The one scope for every command that runs trials (<c>run</c>, <c>sweep</c>): open it around the library call
/// and pass <see cref="Token"/> as the call's cancellation token.
/// </summary>
internal sealed class InterruptScope : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly ConsoleCancelEventHandler _onCancel;
    private readonly PosixSignalRegistration _terminate;

    /// <summary>Starts listening for the signals.</summary>
    /// <param name="external">A cancellation that counts as an interruption too: how tests and hosts interrupt a command in-process.</param>
    public InterruptScope(CancellationToken external = default)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(external);
        _onCancel = (_, e) =>
        {
            e.Cancel = true;
            _cancel.Cancel();
        };
        Console.CancelKeyPress += _onCancel;
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            _cancel.Cancel();
        });
    }

    /// <summary>Cancelled when a signal arrives.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>Whether a signal has arrived.</summary>
    public bool IsInterrupted => _cancel.IsCancellationRequested;

    /// <summary>Stops listening: signals after this end the process as usual.</summary>
    public void Dispose()
    {
        Console.CancelKeyPress -= _onCancel;
        _terminate.Dispose();
        _cancel.Dispose();
    }
}
