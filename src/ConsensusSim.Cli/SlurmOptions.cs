namespace ConsensusSim.Cli;

/// <summary>The options of <c>consensussim slurm</c> as given on the command line: plain values, nothing read or checked yet.</summary>
internal sealed record SlurmOptions
{
    /// <summary>The scenario file; <see langword="null"/> for the embedded default.</summary>
    public string? ScenarioPath { get; init; }

    /// <summary>Trials of the whole run, or per design point of a sweep; <see langword="null"/> for the scenario's.</summary>
    public long? Trials { get; init; }

    /// <summary>Array tasks: shards of the run, or parts of the sweep.</summary>
    public int Shards { get; init; }

    /// <summary>The job's folder, as a full path.</summary>
    public required string Dir { get; init; }

    /// <summary>The run seed; <see langword="null"/> for the scenario's.</summary>
    public ulong? Seed { get; init; }

    /// <summary>sbatch --partition.</summary>
    public string? Partition { get; init; }

    /// <summary>sbatch --time.</summary>
    public string? Time { get; init; }

    /// <summary>sbatch --mem.</summary>
    public string? Mem { get; init; }

    /// <summary>Cores per task, each task's --threads.</summary>
    public int Cpus { get; init; } = 1;

    /// <summary>Trials per chunk.</summary>
    public int ChunkSize { get; init; }

    /// <summary>How a task starts this tool, as shell words.</summary>
    public required string Command { get; init; }

    /// <summary>The sweep's --vary values; empty unless a sweep.</summary>
    public string[] Vary { get; init; } = [];

    /// <summary>The sweep's --design; <see langword="null"/> unless given.</summary>
    public string? Design { get; init; }

    /// <summary>Latin hypercube points.</summary>
    public int? Points { get; init; }

    /// <summary>Seconds between each task's checkpoints.</summary>
    public double CheckpointEvery { get; init; } = 30;

    /// <summary>Whether every task also estimates P(adopted) by conditional Monte Carlo.</summary>
    public bool Conditional { get; init; }

    /// <summary>Whether every task estimates P(adopted) by conditional Monte Carlo alone (run and sweep --conditional-only).</summary>
    public bool ConditionalOnly { get; init; }

    /// <summary>The flag every task's command line carries for the conditional estimate, or an empty string.</summary>
    public string ConditionalFlag => ConditionalOnly ? " --conditional-only" : Conditional ? " --conditional" : string.Empty;

    /// <summary>Whether the job is a sweep: its tasks share design points instead of shards of one run.</summary>
    public bool IsSweep => Vary.Length > 0 || Design is not null;
}
