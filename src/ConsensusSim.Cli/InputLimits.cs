namespace ConsensusSim.Cli;

/// <summary>The largest files the tool reads besides scenarios and actor tables, which the library bounds itself.</summary>
internal static class InputLimits
{
    /// <summary>
    /// A result file read back — a checkpoint to resume, a shard to merge: 64 MiB. The result of the
    /// largest scenario file (1 MiB, some tens of thousands of actors) is a few megabytes.
    /// </summary>
    public const int ResultFileBytes = 64 << 20;

    /// <summary>A sweep part (CSV) to merge: 64 MiB, some hundreds of thousands of rows.</summary>
    public const int SweepPartBytes = 64 << 20;
}
