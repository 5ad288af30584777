namespace ConsensusSim.Cli;

/// <summary>The largest files the tool reads besides scenarios and actor tables, which the library bounds itself.</summary>
internal static class InputLimits
{
    /// <summary>A result file read back — a checkpoint to resume, a shard to merge: the library's limit.</summary>
    public const int ResultFileBytes = Serialization.ResultJson.MaxFileBytes;

    /// <summary>A sweep part (CSV) to merge: 64 MiB, some hundreds of thousands of rows.</summary>
    public const int SweepPartBytes = 64 << 20;
}
