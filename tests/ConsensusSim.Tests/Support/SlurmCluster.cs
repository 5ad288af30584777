using System.Diagnostics;

namespace ConsensusSim.Tests.Support;

/// <summary>Talks to the Slurm cluster the tests run on, if any (.ci/slurm-cluster.sh starts a one-node one).</summary>
internal static class SlurmCluster
{
    public const string NotAvailable = "No Slurm cluster answers here (sinfo missing or no node up). .ci/run starts a one-node cluster with .ci/slurm-cluster.sh; run 'sudo .ci/slurm-cluster.sh start' to include this test.";

    /// <summary>Skips the calling test where no cluster answers, unless CI demands one (CONSENSUSSIM_REQUIRE_SLURM=1), where it fails.</summary>
    public static void Require()
    {
        bool available = IsAvailable();
        if (!available && Environment.GetEnvironmentVariable("CONSENSUSSIM_REQUIRE_SLURM") == "1")
        {
            Assert.Fail("CONSENSUSSIM_REQUIRE_SLURM=1 but " + NotAvailable);
        }

        Skip.IfNot(available, NotAvailable);
    }

    public static bool HasSbatch() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "sbatch")));

    /// <summary>Whether a node is up to take jobs.</summary>
    public static bool IsAvailable()
    {
        if (!HasSbatch())
        {
            return false;
        }

        var (code, output) = Command("sinfo", "-h", "-o", "%T");
        return code == 0 && output.Split('\n').Any(s => s.Trim() is "idle" or "mixed" or "allocated" or "completing");
    }

    public static (int Code, string Output) Command(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        if (!p.WaitForExit(30_000))
        {
            p.Kill(entireProcessTree: true);
            return (-1, output + " (timed out)");
        }

        return (p.ExitCode, output);
    }

    /// <summary>Waits until none of the jobs is queued or running any more.</summary>
    public static void WaitForJobs(TimeSpan timeout, params string[] jobIds)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var (code, output) = Command("squeue", "-h", "-j", string.Join(',', jobIds), "-o", "%i %T");
            if (code == 0 && output.Trim().Length == 0)
            {
                return;
            }

            Thread.Sleep(1000);
        }

        var (_, queue) = Command("squeue", "-o", "%i %T %r");
        throw new TimeoutException($"Slurm jobs {string.Join(',', jobIds)} did not finish within {timeout}: {queue}");
    }

    /// <summary>The job ids 'consensussim slurm --submit' recorded in jobs.txt.</summary>
    public static (string Array, string Merge) Jobs(string dir)
    {
        var map = File.ReadAllLines(Path.Combine(dir, "jobs.txt")).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);
        return (map["array"], map["merge"]);
    }
}
