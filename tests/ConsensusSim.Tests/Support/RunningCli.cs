using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ConsensusSim.Tests.Support;

/// <summary>
/// <c>consensussim run</c> in a process of its own, returned once its first progress line shows the trials running, so that
/// a signal sent then reaches the run's handler. A fixed wait of three seconds was too short on a loaded machine: the
/// process had not yet registered its handler, and the signal killed it (exit 143 instead of 130).
/// </summary>
internal sealed class RunningCli : IDisposable
{
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunningCli(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ConsensusSim.Cli.dll"));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        Process = new Process { StartInfo = start };
        Process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }

            if (e.Data is null)
            {
                // The end of its standard error: it exited, or is about to, before showing progress.
                _running.TrySetException(new InvalidOperationException("the run ended before its first progress line"));
            }
            else if (e.Data.Contains(" trials (", StringComparison.Ordinal))
            {
                _running.TrySetResult();
            }
        };
    }

    /// <summary>The process.</summary>
    public Process Process { get; }

    /// <summary>What it wrote to standard error so far (all of it once it has exited).</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>run</c> with <paramref name="args"/> (after the tool's name) and waits, at most a minute, for its first
    /// progress line. If none comes, the process is killed and the test fails with what it wrote to standard error.
    /// </summary>
    public static async Task<RunningCli> StartAsync(IEnumerable<string> args)
    {
        var cli = new RunningCli(args);
        try
        {
            Assert.True(cli.Process.Start());
            cli.Process.BeginErrorReadLine();
            _ = cli.Process.StandardOutput.ReadToEndAsync();
            await cli._running.Task.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.False(cli.Process.HasExited);
            return cli;
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            cli.Dispose();
            throw new Xunit.Sdk.XunitException($"consensussim run showed no progress ({e.Message}); its standard error:\n{cli.StandardError}");
        }
        catch
        {
            cli.Dispose();
            throw;
        }
    }

    /// <summary>Sends SIG<paramref name="signal"/> and waits, at most a minute, for the process to exit.</summary>
    /// <returns>Its exit code.</returns>
    public async Task<int> SignalAndWaitAsync(string signal)
    {
        using (var kill = Process.Start("kill", [$"-{signal}", Process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Process.WaitForExitAsync(timeout.Token);
        return Process.ExitCode;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started: nothing to kill.
        }

        Process.Dispose();
    }
}
